//! The Hugging Face Hub side: record types as the API sends them, reading recorded responses,
//! splitting tags, and the HTTP client of the live API.

pub mod client;
pub mod model_index;
pub mod pipeline;
pub mod reader;
pub mod record;
pub mod tags;
