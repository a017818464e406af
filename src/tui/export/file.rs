//! The export folder, the file names, and the atomic write that never replaces a file.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::Format;
use crate::analysis::format_params;

/// Returns the default export folder: `slmscope/exports` under the user's data folder
/// (`$XDG_DATA_HOME`, else `~/.local/share` on Linux), or `exports` in the working folder when
/// the system has no data folder.
pub fn default_dir() -> PathBuf {
    match dirs::data_dir() {
        Some(data) => data.join("slmscope").join("exports"),
        None => PathBuf::from("exports"),
    }
}

/// Names an export `<tab>-<threshold>-<timestamp>.<extension>`, such as
/// `search-7B-20261205-143012.csv`. The timestamp is local time to the second.
pub fn file_name(tab: &str, threshold: u64, time: &jiff::ZonedDateTime, format: Format) -> String {
    let stamp = time.strftime("%Y%m%d-%H%M%S");
    format!(
        "{tab}-{}-{stamp}.{}",
        format_params(threshold),
        format.extension()
    )
}

/// The maximum number of `-2`, `-3`… suffixes tried when names are taken.
const MAX_SUFFIX: u32 = 99;

/// Creates `dir` if needed, writes the file through `write` into a temporary file in `dir`, then
/// moves it to `name`, or to `name` with a `-2`, `-3`… suffix when a file already has that name.
/// The move is atomic and never replaces a file. Returns the path written. On any error the
/// temporary file is removed.
///
/// NOTE: the move uses `renameat2(RENAME_NOREPLACE)`, else a hard link. A filesystem with
/// neither, such as FAT or exFAT, makes every export fail with the system's error.
pub fn write_new(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut BufWriter<&std::fs::File>) -> io::Result<()>,
) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".slmscope-export-");
    // Temporary files are private (0600) by default. An export gets the mode of any new file,
    // 0666 less the umask, as a spreadsheet saved there would.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temporary = builder.tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(temporary.as_file());
        write(&mut out)?;
        out.flush()?;
    }
    temporary.as_file().sync_all()?;

    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let mut temporary = temporary;
    for attempt in 1..=MAX_SUFFIX {
        let candidate = match attempt {
            1 => name.to_string(),
            n => format!("{stem}-{n}.{extension}"),
        };
        let path = dir.join(candidate);
        match temporary.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => {
                temporary = error.file;
            }
            Err(error) => return Err(error.error),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{name} and its suffixes -2 to -{MAX_SUFFIX} are all taken"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time() -> jiff::ZonedDateTime {
        "2026-12-05T14:30:12[UTC]".parse().expect("valid time")
    }

    #[test]
    fn names_carry_tab_threshold_time() {
        assert_eq!(
            file_name("search", 7_000_000_000, &time(), Format::Csv),
            "search-7B-20261205-143012.csv"
        );
        assert_eq!(
            file_name("threshold", 1_500_000_000, &time(), Format::Json),
            "threshold-1.5B-20261205-143012.json"
        );
    }

    #[test]
    fn write_never_replaces_a_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let first = write_new(dir.path(), "a.csv", |out| out.write_all(b"one")).expect("written");
        let second = write_new(dir.path(), "a.csv", |out| out.write_all(b"two")).expect("written");
        assert_eq!(first, dir.path().join("a.csv"));
        assert_eq!(second, dir.path().join("a-2.csv"));
        assert_eq!(std::fs::read(&first).expect("read"), b"one");
        assert_eq!(std::fs::read(&second).expect("read"), b"two");
    }

    #[cfg(unix)]
    #[test]
    fn exports_get_the_mode_of_new_files() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("temporary folder");
        let reference = dir.path().join("reference");
        std::fs::File::create(&reference).expect("created");
        let path = write_new(dir.path(), "a.csv", |out| out.write_all(b"x")).expect("written");
        let mode = |path: &Path| {
            std::fs::metadata(path)
                .expect("metadata")
                .permissions()
                .mode()
        };
        assert_eq!(mode(&path) & 0o777, mode(&reference) & 0o777);
    }

    #[test]
    fn failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let result = write_new(dir.path(), "a.csv", |_| Err(io::Error::other("disk full")));
        assert!(result.is_err());
        let left = std::fs::read_dir(dir.path()).expect("listed").count();
        assert_eq!(left, 0);
    }

    #[test]
    fn missing_folders_are_created() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let nested = dir.path().join("x").join("y");
        let path = write_new(&nested, "a.json", |out| out.write_all(b"{}")).expect("written");
        assert_eq!(path, nested.join("a.json"));
    }
}
