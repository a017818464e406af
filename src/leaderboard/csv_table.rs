//! A CSV file with a header, shared by the CSV readers: column lookup, the missing and unknown
//! column checks, and record iteration with line numbers.

use std::path::Path;

use super::{LeaderboardError, LeaderboardFormat, Location, ReadReport, SkipReason};
use crate::i18n::{ErrorText, Lang};

pub(super) struct CsvTable<'a> {
    path: &'a Path,
    text: &'a str,
    header: Vec<String>,
    reader: csv::Reader<&'a [u8]>,
}

impl<'a> CsvTable<'a> {
    /// Reads the header. Records are read later by [`CsvTable::read_records`].
    pub fn new(path: &'a Path, text: &'a str) -> Result<Self, LeaderboardError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|error| csv_error(path, &error))?
            .iter()
            .map(|column| column.trim().to_string())
            .collect();
        Ok(CsvTable {
            path,
            text,
            header,
            reader,
        })
    }

    /// Returns the file's name without its folders, as written in the default source.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    pub fn header(&self) -> &[String] {
        &self.header
    }

    pub fn index(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|column| column == name)
    }

    /// Returns the index of each column of `required`, or an error naming all that are missing.
    pub fn require(
        &self,
        format: LeaderboardFormat,
        required: &[&str],
    ) -> Result<Vec<usize>, LeaderboardError> {
        let missing: Vec<String> = required
            .iter()
            .filter(|name| self.index(name).is_none())
            .map(|name| name.to_string())
            .collect();
        if !missing.is_empty() {
            return Err(LeaderboardError::MissingColumns {
                path: self.path.to_path_buf(),
                format,
                columns: missing,
            });
        }
        Ok(required
            .iter()
            .filter_map(|name| self.index(name))
            .collect())
    }

    /// Lists in `report` the header columns that are not in `known`.
    pub fn report_unknown_columns(&self, known: &[&str], report: &mut ReadReport) {
        for column in &self.header {
            if !known.contains(&column.as_str()) {
                report.unknown_column(column);
            }
        }
    }

    /// Calls `read` on each record with the line where it starts, and returns the number of
    /// records. Records whose field count differs from the header's are skipped and reported.
    pub fn read_records(
        mut self,
        report: &mut ReadReport,
        mut read: impl FnMut(u64, &csv::StringRecord, &mut ReadReport),
    ) -> Result<usize, LeaderboardError> {
        let mut count = 0;
        let mut record = csv::StringRecord::new();
        loop {
            match self.reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(error) => return Err(csv_error(self.path, &error)),
            }
            count += 1;
            let line = record
                .position()
                .map_or(0, |position| start_line(self.text, position));
            if record.len() != self.header.len() {
                report.skip(
                    Location::Line(line),
                    SkipReason::FieldCount {
                        expected: self.header.len(),
                        found: record.len(),
                    },
                );
                continue;
            }
            read(line, &record, report);
        }
        Ok(count)
    }
}

/// Returns the 1-based line a record starts on. After a `\r\n` line end, the csv reader stops
/// at the `\n` and reports the record one line early. A `\n` at the record's offset shows it.
fn start_line(text: &str, position: &csv::Position) -> u64 {
    let offset = position.byte() as usize;
    let before_newline = text.as_bytes().get(offset) == Some(&b'\n');
    position.line() + u64::from(before_newline)
}

fn csv_error(path: &Path, error: &csv::Error) -> LeaderboardError {
    LeaderboardError::Csv {
        path: path.to_path_buf(),
        line: error.position().map(csv::Position::line),
        detail: csv_detail(error),
    }
}

/// Keeps the CSV reader's message in both languages: the French one is written from the kind
/// of error, since the reader writes English only.
fn csv_detail(error: &csv::Error) -> ErrorText {
    let french = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("cette ligne a {len} champs, les précédentes {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "texte qui n'est pas de l'UTF-8 valide".to_string(),
        csv::ErrorKind::Io(io) => crate::i18n::io_error(Lang::Fr, io),
        _ => format!("erreur du lecteur CSV : {error}"),
    };
    ErrorText::new(error.to_string(), french)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_detail_in_both_languages() {
        let mut reader = csv::Reader::from_reader(&b"model,score\n\xff\xfe,1\n"[..]);
        let error = reader
            .records()
            .find_map(Result::err)
            .expect("invalid UTF-8 fails");
        let detail = csv_detail(&error);
        assert_eq!(detail.get(Lang::En), error.to_string());
        assert_eq!(
            detail.get(Lang::Fr),
            "texte qui n'est pas de l'UTF-8 valide"
        );
    }
}
