//! Peak memory of `Cache::import_file`, the importer behind `slmscope import`, on files much
//! larger than its buffers: a long JSON Lines file and a JSON array are imported in batches,
//! and one huge value is rejected, without memory growing with the file.
//!
//! Each test runs the import in a child process (this test binary, run again on the same
//! test) and reads the child's peak resident set (`VmHWM` in /proc/self/status) before and
//! after the import. Linux only, since it reads /proc.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;

use slmscope::cache::{Cache, OpenMode};
use slmscope::hub::reader::MAX_RECORD_BYTES;
use slmscope::i18n::Lang;

/// Tells the child process which file to import.
const CHILD_FILE_VAR: &str = "SLMSCOPE_MEMORY_TEST_FILE";

/// Size of each generated file. The bound below is less than half of it, so an import that
/// held the file in memory fails.
const FILE_BYTES: usize = 96 << 20;

/// Allowed growth of the peak resident set during the import: the reader's buffer of one value
/// (at most `MAX_RECORD_BYTES`), a few batches of records and SQLite's page cache of a small
/// database, with room for the allocator.
const MAX_GROWTH_BYTES: u64 = 40 << 20;

/// Bytes of the ignored field that pads each record, which makes the file large and the cache
/// small.
const PADDING_BYTES: usize = 8 << 10;

/// Reads `VmHWM`, the peak resident set of this process, in bytes.
fn peak_resident_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .expect("/proc/self/status has VmHWM");
    let kib: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap();
    kib * 1024
}

/// In the child: imports the file named by [`CHILD_FILE_VAR`] into a new cache beside it and
/// prints the growth of the peak resident set and the outcome on one line.
fn run_child(file: &Path) {
    let db = file.with_extension("db");
    let mut cache = Cache::open(&db, OpenMode::CreateIfMissing).unwrap();
    let before = peak_resident_bytes();
    let outcome = match cache.import_file(file, "big", &mut |_| {}) {
        Ok(summary) => format!("added {}", summary.added),
        Err(error) => format!("error {}", error.message(Lang::En)),
    };
    let growth = peak_resident_bytes().saturating_sub(before);
    // The test harness prints the test's name on the same line, before this.
    println!("CHILD growth {growth} {outcome}");
}

/// Runs `test` of this binary in a child process on `file` and returns the peak growth in bytes
/// and the outcome that the child printed.
fn import_in_child(test: &str, file: &Path) -> (u64, String) {
    let output = Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_FILE_VAR, file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "child failed: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let line = stdout
        .lines()
        .find_map(|line| Some(line.split_once("CHILD growth ")?.1))
        .unwrap_or_else(|| panic!("child printed no result: {stdout}"));
    let (growth, outcome) = line.split_once(' ').unwrap();
    (growth.parse().unwrap(), outcome.to_string())
}

/// Writes records padded to about `PADDING_BYTES` each until the file reaches `FILE_BYTES`,
/// one per line, or as one JSON array. Returns the number of records.
fn write_padded_records(path: &Path, array: bool) -> usize {
    let mut out = BufWriter::new(std::fs::File::create(path).unwrap());
    let padding = "p".repeat(PADDING_BYTES);
    let mut written = 0;
    let mut count = 0;
    if array {
        out.write_all(b"[").unwrap();
    }
    while written < FILE_BYTES {
        let separator = match (array, count) {
            (true, 0) => "",
            (true, _) => ",\n",
            (false, _) => "",
        };
        let record = format!(
            "{separator}{{\"id\":\"owner/model-{count}\",\"downloads\":{count},\"padding\":\"{padding}\"}}{}",
            if array { "" } else { "\n" }
        );
        out.write_all(record.as_bytes()).unwrap();
        written += record.len();
        count += 1;
    }
    if array {
        out.write_all(b"]").unwrap();
    }
    out.flush().unwrap();
    count
}

fn assert_bounded(growth: u64) {
    eprintln!(
        "peak memory grew by {:.1} MiB on a {} MiB file",
        growth as f64 / f64::from(1 << 20),
        FILE_BYTES >> 20
    );
    assert!(
        growth < MAX_GROWTH_BYTES,
        "peak memory grew by {} MiB on a {} MiB file; the bound is {} MiB",
        growth >> 20,
        FILE_BYTES >> 20,
        MAX_GROWTH_BYTES >> 20
    );
}

#[test]
fn json_lines_import_in_bounded_memory() {
    if let Some(file) = std::env::var_os(CHILD_FILE_VAR) {
        run_child(Path::new(&file));
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("big.jsonl");
    let count = write_padded_records(&file, false);

    let (growth, outcome) = import_in_child("json_lines_import_in_bounded_memory", &file);

    assert_eq!(outcome, format!("added {count}"));
    assert_bounded(growth);
}

#[test]
fn json_array_import_in_bounded_memory() {
    if let Some(file) = std::env::var_os(CHILD_FILE_VAR) {
        run_child(Path::new(&file));
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("big.json");
    let count = write_padded_records(&file, true);

    let (growth, outcome) = import_in_child("json_array_import_in_bounded_memory", &file);

    assert_eq!(outcome, format!("added {count}"));
    assert_bounded(growth);
}

#[test]
fn huge_value_rejected_in_bounded_memory() {
    if let Some(file) = std::env::var_os(CHILD_FILE_VAR) {
        run_child(Path::new(&file));
        return;
    }
    const { assert!(FILE_BYTES > 2 * MAX_RECORD_BYTES) };
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("huge.json");
    let mut out = BufWriter::new(std::fs::File::create(&file).unwrap());
    out.write_all(b"[{\"id\":\"a/b\"},\n{\"id\":\"c/d\",\"cardData\":\"")
        .unwrap();
    let block = vec![b'x'; 1 << 20];
    for _ in 0..FILE_BYTES >> 20 {
        out.write_all(&block).unwrap();
    }
    out.write_all(b"\"}]").unwrap();
    out.flush().unwrap();
    drop(out);

    let (growth, outcome) = import_in_child("huge_value_rejected_in_bounded_memory", &file);

    assert!(outcome.starts_with("error "), "{outcome}");
    assert!(outcome.contains("huge.json"), "{outcome}");
    assert!(outcome.contains("line 2"), "{outcome}");
    assert!(outcome.contains("16 MiB"), "{outcome}");
    assert_bounded(growth);
}
