//! Synthetic Hub data at scale: seeded records in the shape of `GET /api/models` list items
//! with `expand` fields, drawn from distributions fitted to a recorded snapshot of the Hub. They
//! let slmscope be measured on as many models as the whole Hub holds.
//!
//! Every synthetic id has an owner `synthetic-org-<number>`, which no real record is expected
//! to have, and the cache marks such models as synthetic when it stores them.
//!
//! Records are written one at a time as JSON Lines, so memory stays flat whatever their
//! number. The same seed and count give the same bytes on every platform: see [`sample`].

pub mod fitted;
mod record;
mod sample;
#[cfg(test)]
mod tests;

use std::io::{self, BufWriter, Write};

pub use record::{Generator, Record};

/// The start of the owner of every synthetic id; a number follows it.
pub const SYNTHETIC_OWNER_PREFIX: &str = "synthetic-org-";

/// The seed `slmscope synth` uses when none is given.
pub const DEFAULT_SEED: u64 = 0;

/// Records written between two progress calls.
const PROGRESS_STEP: u64 = 10_000;

/// True when `id` is a synthetic one: its owner is `synthetic-org-` followed by digits only.
/// A real owner that merely starts with `synthetic-` is not enough.
pub fn is_synthetic_id(id: &str) -> bool {
    let Some((owner, name)) = id.split_once('/') else {
        return false;
    };
    let Some(number) = owner.strip_prefix(SYNTHETIC_OWNER_PREFIX) else {
        return false;
    };
    !name.is_empty() && !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit())
}

/// Writes `count` records drawn from `seed` to `out` as JSON Lines, one record per line.
/// `progress` receives the number of records written so far every 10,000 records and at the
/// end.
pub fn write_records<W: Write>(
    out: W,
    seed: u64,
    count: u64,
    progress: &mut dyn FnMut(u64),
) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, out);
    let mut generator = Generator::new(seed, count);
    for written in 1..=count {
        let record = generator.next_record();
        serde_json::to_writer(&mut out, &record).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
        if written % PROGRESS_STEP == 0 || written == count {
            progress(written);
        }
    }
    out.flush()
}
