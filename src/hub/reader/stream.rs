//! The streaming parser behind [`read_stream`].
//!
//! The file is read in chunks into a buffer that contains the unparsed rest of the current chunk.
//! Each top-level value, or each element of a top-level array, is checked by serde_json as raw
//! JSON where it lies in the buffer and then converted into a record. A value cut by the end of
//! the buffer is parsed again once more of the file is in, so the buffer holds at most one value
//! and one chunk. A value longer than [`MAX_RECORD_BYTES`] is an error. Errors give the line and column in the file and the same messages as a
//! whole-file parse by serde_json.
//!
//! NOTE: the raw check accepts two things that a parse into `serde_json::Value` rejects: a
//! number beyond the range of `f64` and nesting deeper than 128 levels. In a field that the
//! record reads they skip the record as an invalid field, and elsewhere they are ignored, where a
//! whole-file parse rejected the file. Invalid UTF-8 is reported as invalid JSON in the value
//! that holds it, where reading the whole file as text failed without a position.

use std::io::{self, Read, Seek, SeekFrom};
use std::ops::ControlFlow;
use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{
    FileRecords, ReadError, Skip, SkipReason, checked_id, hub_error_message, record_from_json,
    without_position,
};
use crate::hub::record::HubModel;

/// Records handed over per batch by `slmscope import`. Batches of 1,000 rather than 10,000 let
/// the allocator reuse the memory of freed batches while it is still in the CPU caches. On
/// 100,000 synthetic records they cut the import's CPU time by about 8%, and its peak memory
/// from about 183 to 102 MiB.
pub const BATCH_RECORDS: usize = 1_000;

/// The maximum length of a value, in bytes: a top-level value or an element of the top-level
/// array. A longer one is a [`ReadError::TooLarge`], so that the buffer, which contains one whole
/// value, stays bounded whatever the file contains. The longest record in the Hub responses
/// recorded around December 2024 (full documents) is about 37 KB.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// Bytes read from the file at a time. The buffer grows past this only while one value is
/// longer.
const CHUNK_BYTES: usize = 1 << 20;

/// An event that [`read_stream`] hands to its consumer.
#[derive(Debug)]
pub enum ReadEvent {
    /// The next records of the file in file order, with the records skipped among them, and the
    /// bytes of the file read up to the last of them.
    Batch {
        records: FileRecords,
        bytes_read: u64,
    },
    /// Discard every batch handed over so far: the file started with an array but more values
    /// follow it, so it is JSON Lines whose first value is not a record. The file is read again
    /// from its start.
    Restart,
}

/// Reads the records of one file in batches of at most `batch_size` records (at least one),
/// handing each to `on_event`, which may stop the read by returning `Break`. `path` only names
/// the file in errors.
///
/// A JSON array gives its elements, positioned by index from 1. A single object gives itself at
/// position 1, unless it is a Hub error document. Several top-level values are JSON Lines,
/// positioned by the line where each starts. On an error, batches already handed over are part
/// of a file that is invalid as a whole.
pub fn read_stream<R: Read + Seek>(
    path: &Path,
    source: R,
    batch_size: usize,
    on_event: &mut dyn FnMut(ReadEvent) -> ControlFlow<()>,
) -> Result<(), ReadError> {
    read_stream_in_chunks(path, source, batch_size, CHUNK_BYTES, on_event)
}

/// Reads as [`read_stream`] does, `chunk_bytes` bytes at a time, so that tests can cut values at
/// every byte.
pub(super) fn read_stream_in_chunks<R: Read + Seek>(
    path: &Path,
    source: R,
    batch_size: usize,
    chunk_bytes: usize,
    on_event: &mut dyn FnMut(ReadEvent) -> ControlFlow<()>,
) -> Result<(), ReadError> {
    let mut parser = Parser {
        path,
        buffer: Buffer::new(source, chunk_bytes.max(1)),
        batch: FileRecords::default(),
        batch_size: batch_size.max(1),
        on_event,
    };
    let _ = parser.run()?;
    Ok(())
}

struct Parser<'a, R> {
    path: &'a Path,
    buffer: Buffer<R>,
    batch: FileRecords,
    batch_size: usize,
    on_event: &'a mut dyn FnMut(ReadEvent) -> ControlFlow<()>,
}

/// Whether a parse should go on or the consumer stopped it.
type Flow = ControlFlow<()>;

impl<R: Read + Seek> Parser<'_, R> {
    fn run(&mut self) -> Result<Flow, ReadError> {
        self.buffer
            .skip_byte_order_mark()
            .map_err(|error| self.io_error(error))?;
        match self.peek()? {
            None => Err(ReadError::Shape {
                path: self.path.to_path_buf(),
                found: "nothing",
            }),
            Some(b'[') => {
                if self.array()?.is_break() {
                    return Ok(Flow::Break(()));
                }
                if self.peek()?.is_none() {
                    return self.flush();
                }
                self.batch = FileRecords::default();
                if (self.on_event)(ReadEvent::Restart).is_break() {
                    return Ok(Flow::Break(()));
                }
                self.buffer.rewind().map_err(|error| self.io_error(error))?;
                self.buffer
                    .skip_byte_order_mark()
                    .map_err(|error| self.io_error(error))?;
                self.values()
            }
            Some(_) => self.values(),
        }
    }

    /// Reads the elements of the top-level array that starts at the current byte, up to its
    /// closing bracket.
    fn array(&mut self) -> Result<Flow, ReadError> {
        self.buffer.advance(1);
        match self.peek()? {
            None => return Err(self.error_at_end("EOF while parsing a list")),
            Some(b']') => {
                self.buffer.advance(1);
                return Ok(Flow::Continue(()));
            }
            Some(_) => {}
        }
        let mut position = 0;
        loop {
            position += 1;
            let (length, outcome) = match self.typed_record() {
                Some((length, record)) => (length, checked_id(record)),
                None => {
                    let length = self.value()?;
                    (length, record_from_json(self.buffer.text(length)))
                }
            };
            self.buffer.advance(length);
            if self.push(position, outcome)?.is_break() {
                return Ok(Flow::Break(()));
            }
            match self.peek()? {
                Some(b',') => {
                    self.buffer.advance(1);
                    match self.peek()? {
                        Some(b']') => return Err(self.error_at_next_byte("trailing comma")),
                        Some(_) => {}
                        None => return Err(self.error_at_end("EOF while parsing a value")),
                    }
                }
                Some(b']') => {
                    self.buffer.advance(1);
                    return Ok(Flow::Continue(()));
                }
                Some(_) => return Err(self.error_at_next_byte("expected `,` or `]`")),
                None => return Err(self.error_at_end("EOF while parsing a list")),
            }
        }
    }

    /// Reads top-level values from the current byte to the end of the file: one object, or
    /// JSON Lines when there are several values.
    fn values(&mut self) -> Result<Flow, ReadError> {
        let Some(first_byte) = self.peek()? else {
            return Err(ReadError::Shape {
                path: self.path.to_path_buf(),
                found: "nothing",
            });
        };
        let first_line = self.buffer.line;
        let first_start = (self.buffer.line, self.buffer.column);
        let length = self.top_level_value(first_byte)?;
        // The first value is kept as text until it is known whether it is alone in the file,
        // since a lone object may be a Hub error document and a lone scalar is the wrong shape.
        let first = self.buffer.text(length).to_string();
        self.buffer.advance(length);
        if self.peek()?.is_none() {
            return self.single(&first, first_start);
        }

        if self.push(first_line, record_from_json(&first))?.is_break() {
            return Ok(Flow::Break(()));
        }
        while let Some(byte) = self.peek()? {
            let line = self.buffer.line;
            let (length, outcome) = match self.typed_record() {
                Some((length, record)) => (length, checked_id(record)),
                None => {
                    let length = self.top_level_value(byte)?;
                    (length, record_from_json(self.buffer.text(length)))
                }
            };
            self.buffer.advance(length);
            if self.push(line, outcome)?.is_break() {
                return Ok(Flow::Break(()));
            }
        }
        self.flush()
    }

    /// Handles a file that contains one value, which starts at line and column `start`.
    fn single(&mut self, text: &str, start: (usize, usize)) -> Result<Flow, ReadError> {
        if !text.starts_with('{') {
            // A number out of range is valid raw JSON but not a valid value.
            if let Err(error) = serde_json::from_str::<serde_json::Value>(text) {
                return Err(self.syntax_at(start, &error));
            }
            return Err(ReadError::Shape {
                path: self.path.to_path_buf(),
                found: json_kind_of_text(text),
            });
        }
        if let Ok(object) = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text)
        {
            if let Some(message) = hub_error_message(&object) {
                return Err(ReadError::HubError {
                    path: self.path.to_path_buf(),
                    message,
                });
            }
        }
        if self.push(1, record_from_json(text))?.is_break() {
            return Ok(Flow::Break(()));
        }
        self.flush()
    }

    /// Parses the object at the current byte straight into a record and returns its length with
    /// it, which saves checking the object as raw JSON first. Returns `None` when the value is
    /// not an object, does not lie whole in the buffer, or fails the typed parse: then
    /// [`Parser::value`] and [`record_from_json`] read it, with their errors and skips.
    ///
    /// An object that the typed parse accepts is valid JSON, so the raw check would have
    /// accepted it with the same length, and `record_from_json` would have returned the same
    /// record.
    fn typed_record(&self) -> Option<(usize, HubModel)> {
        let slice = &self.buffer.bytes[self.buffer.start..self.buffer.end];
        if slice.first() != Some(&b'{') {
            return None;
        }
        let mut records = serde_json::Deserializer::from_slice(slice).into_iter::<HubModel>();
        let record = records.next()?.ok()?;
        let length = records.byte_offset();
        // The raw check rejects invalid UTF-8 anywhere in the value, and the typed parse only
        // in the strings that it reads.
        std::str::from_utf8(&slice[..length]).ok()?;
        Some((length, record))
    }

    /// Parses a top-level value that starts with `first_byte` and returns its length. A number
    /// or literal must be followed by whitespace, a bracket, a brace, a quote, a comma, a colon
    /// or the end of the file, as serde_json requires between top-level values.
    fn top_level_value(&mut self, first_byte: u8) -> Result<usize, ReadError> {
        let length = self.value()?;
        let self_delimited = matches!(first_byte, b'[' | b'{' | b'"');
        // `value` leaves at least one byte after the value unless the file ends there.
        let index = self.buffer.start + length;
        if !self_delimited && index < self.buffer.end {
            let next = self.buffer.bytes[index];
            let allowed = matches!(
                next,
                b' ' | b'\n' | b'\t' | b'\r' | b'"' | b'[' | b']' | b'{' | b'}' | b',' | b':'
            );
            if !allowed {
                let (line, column) = self.buffer.position_at(index + 1);
                return Err(self.syntax("trailing characters", line, column));
            }
        }
        Ok(length)
    }

    /// Parses the value that starts at the current byte and returns its length in bytes.
    fn value(&mut self) -> Result<usize, ReadError> {
        loop {
            let slice = &self.buffer.bytes[self.buffer.start..self.buffer.end];
            let mut deserializer = serde_json::Deserializer::from_slice(slice);
            let mut parsed = <&RawValue>::deserialize(&mut deserializer).map(|raw| raw.get().len());
            if let Err(error) = &parsed {
                // Checking raw JSON reports some errors in other words than parsing it, so the
                // error is taken from a parse of the same bytes.
                if !error.is_eof() || self.buffer.at_eof {
                    let mut deserializer = serde_json::Deserializer::from_slice(slice);
                    if let Err(value_error) = serde_json::Value::deserialize(&mut deserializer) {
                        parsed = Err(value_error);
                    }
                }
            }
            let complete = match &parsed {
                // A number that reaches the end of the buffer may go on in the file.
                Ok(length) => *length < slice.len() || self.buffer.at_eof,
                Err(error) => !error.is_eof() || self.buffer.at_eof,
            };
            if !complete {
                let pending = self.buffer.end - self.buffer.start;
                if pending > MAX_RECORD_BYTES {
                    return Err(ReadError::TooLarge {
                        path: self.path.to_path_buf(),
                        line: self.buffer.line,
                        column: self.buffer.column + 1,
                    });
                }
                // Reading as much again as is pending keeps the parses of a long value linear.
                // Reading no further than one byte past the limit keeps the buffer at most one
                // byte longer than the limit.
                let request_bytes = pending
                    .max(self.buffer.chunk_bytes)
                    .min(MAX_RECORD_BYTES + 1 - pending);
                self.buffer
                    .fill(request_bytes)
                    .map_err(|error| self.io_error(error))?;
                continue;
            }
            return parsed
                .map_err(|error| self.syntax_at((self.buffer.line, self.buffer.column), &error));
        }
    }

    /// Returns the next byte that is not JSON whitespace without consuming it, or `None` at the
    /// end of the file.
    fn peek(&mut self) -> Result<Option<u8>, ReadError> {
        self.buffer
            .peek_non_whitespace()
            .map_err(|error| self.io_error(error))
    }

    fn push(
        &mut self,
        position: usize,
        outcome: Result<HubModel, SkipReason>,
    ) -> Result<Flow, ReadError> {
        match outcome {
            Ok(record) => self.batch.records.push(record),
            Err(reason) => self.batch.skipped.push(Skip { position, reason }),
        }
        if self.batch.records.len() + self.batch.skipped.len() >= self.batch_size {
            return self.flush();
        }
        Ok(Flow::Continue(()))
    }

    /// Hands over the records read since the last batch, if any.
    fn flush(&mut self) -> Result<Flow, ReadError> {
        if self.batch.records.is_empty() && self.batch.skipped.is_empty() {
            return Ok(Flow::Continue(()));
        }
        let records = std::mem::take(&mut self.batch);
        Ok((self.on_event)(ReadEvent::Batch {
            records,
            bytes_read: self.buffer.offset,
        }))
    }

    fn io_error(&self, source: io::Error) -> ReadError {
        ReadError::Io {
            path: self.path.to_path_buf(),
            source,
        }
    }

    fn syntax(&self, message: &str, line: usize, column: usize) -> ReadError {
        ReadError::Syntax {
            path: self.path.to_path_buf(),
            line,
            column,
            detail: format!("{message} at line {line} column {column}"),
        }
    }

    /// Places a serde_json error in a value that starts at line and column `start` in the file.
    fn syntax_at(&self, start: (usize, usize), error: &serde_json::Error) -> ReadError {
        let (line, column) = if error.line() <= 1 {
            (start.0, start.1 + error.column())
        } else {
            (start.0 + error.line() - 1, error.column())
        };
        self.syntax(&without_position(error), line, column)
    }

    /// Builds a syntax error at the current byte, placed as serde_json places an unexpected byte.
    fn error_at_next_byte(&self, message: &str) -> ReadError {
        let index = (self.buffer.start + 1).min(self.buffer.end);
        let (line, column) = self.buffer.position_at(index);
        self.syntax(message, line, column)
    }

    /// Builds a syntax error at the end of the file.
    fn error_at_end(&self, message: &str) -> ReadError {
        let (line, column) = self.buffer.position_at(self.buffer.end);
        self.syntax(message, line, column)
    }
}

/// Names the kind of a JSON value from its text, as [`super::json_kind`] does for a parsed one.
fn json_kind_of_text(text: &str) -> &'static str {
    match text.as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

/// The unparsed part of the file: `bytes[start..end]`, with the place of `bytes[start]` in
/// the file.
struct Buffer<R> {
    source: R,
    bytes: Vec<u8>,
    start: usize,
    end: usize,
    /// True once the source returned no more bytes.
    at_eof: bool,
    /// File offset of `bytes[start]`.
    offset: u64,
    /// 1-based line of `bytes[start]`.
    line: usize,
    /// Bytes between the last newline and `bytes[start]`, as serde_json counts columns.
    column: usize,
    /// Bytes to read when the buffer runs out.
    chunk_bytes: usize,
}

impl<R: Read + Seek> Buffer<R> {
    fn new(source: R, chunk_bytes: usize) -> Buffer<R> {
        Buffer {
            source,
            chunk_bytes,
            bytes: Vec::new(),
            start: 0,
            end: 0,
            at_eof: false,
            offset: 0,
            line: 1,
            column: 0,
        }
    }

    fn rewind(&mut self) -> io::Result<()> {
        self.source.seek(SeekFrom::Start(0))?;
        self.start = 0;
        self.end = 0;
        self.at_eof = false;
        self.offset = 0;
        self.line = 1;
        self.column = 0;
        Ok(())
    }

    /// Moves the unparsed bytes to the front and reads at least `wanted` more bytes, or up to
    /// the end of the file.
    fn fill(&mut self, wanted: usize) -> io::Result<()> {
        if self.start > 0 {
            self.bytes.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        let target = self.end + wanted;
        if self.bytes.len() < target {
            self.bytes.resize(target, 0);
        }
        while self.end < target {
            match self.source.read(&mut self.bytes[self.end..target]) {
                Ok(0) => {
                    self.at_eof = true;
                    break;
                }
                Ok(count) => self.end += count,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }

    /// Skips the UTF-8 byte-order mark that some Windows tools write at the start of a file.
    /// Call it at the start of the file only.
    fn skip_byte_order_mark(&mut self) -> io::Result<()> {
        const MARK: &[u8] = b"\xEF\xBB\xBF";
        if self.end - self.start < MARK.len() && !self.at_eof {
            self.fill(MARK.len())?;
        }
        if self.bytes[self.start..self.end].starts_with(MARK) {
            self.start += MARK.len();
            self.offset += MARK.len() as u64;
        }
        Ok(())
    }

    fn peek_non_whitespace(&mut self) -> io::Result<Option<u8>> {
        loop {
            while self.start < self.end {
                let byte = self.bytes[self.start];
                if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                    return Ok(Some(byte));
                }
                self.advance(1);
            }
            if self.at_eof {
                return Ok(None);
            }
            self.fill(self.chunk_bytes)?;
        }
    }

    /// The text of the value of `length` bytes at the start, which serde_json checked to be
    /// valid JSON and so valid UTF-8.
    fn text(&self, length: usize) -> &str {
        std::str::from_utf8(&self.bytes[self.start..self.start + length])
            .expect("serde_json checked the value's UTF-8")
    }

    fn advance(&mut self, count: usize) {
        let consumed = &self.bytes[self.start..self.start + count];
        match consumed.iter().rposition(|&byte| byte == b'\n') {
            Some(last) => {
                self.line += consumed.iter().filter(|&&byte| byte == b'\n').count();
                self.column = count - last - 1;
            }
            None => self.column += count,
        }
        self.start += count;
        self.offset += count as u64;
    }

    /// The line and column that serde_json gives to a position `index` in `bytes`, at or
    /// after the start.
    fn position_at(&self, index: usize) -> (usize, usize) {
        let before = &self.bytes[self.start..index];
        match before.iter().rposition(|&byte| byte == b'\n') {
            Some(last) => (
                self.line + before.iter().filter(|&&byte| byte == b'\n').count(),
                before.len() - last - 1,
            ),
            None => (self.line, self.column + before.len()),
        }
    }
}
