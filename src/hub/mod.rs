//! The Hugging Face Hub side: record types as the API sends them, reading recorded responses,
//! and splitting tags.

pub mod pipeline;
pub mod reader;
pub mod record;
pub mod tags;
