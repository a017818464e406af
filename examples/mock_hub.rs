//! Runs the mock Hub on 127.0.0.1 for manual tests and benchmarks of `slmscope sync`.
//!
//! `cargo run --example mock_hub -- --data DIR [--synthetic N] [--port P] [--require-token T]
//! [--fault TRIGGER=FAULT]... [--link-origin URL]`
//!
//! Point the client at it with `HF_ENDPOINT=http://127.0.0.1:PORT`. Stop it with Ctrl-C.

#[path = "../tests/support/mock_hub.rs"]
mod mock_hub;

use std::path::PathBuf;

use clap::Parser;
use mock_hub::{MockConfig, MockData, MockHub, ScriptedFault};

/// A local mock of the Hugging Face Hub model API.
#[derive(Debug, Parser)]
#[command(name = "mock_hub")]
struct Args {
    /// Folder of recorded Hub responses (JSON arrays of records); every *.json file is loaded.
    #[arg(long)]
    data: Option<PathBuf>,
    /// Adds N generated records with ids synthetic/…
    #[arg(long, value_name = "N")]
    synthetic: Option<u64>,
    /// Port on 127.0.0.1; a free one when left out.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Returns 401 unless requests carry `Authorization: Bearer T`.
    #[arg(long, value_name = "T")]
    require_token: Option<String>,
    /// A scripted fault such as page:2=503, request:1=429:42, page:3x2=reset, first:1=html.
    #[arg(long, value_name = "TRIGGER=FAULT")]
    fault: Vec<ScriptedFault>,
    /// Origin written in Link headers instead of the mock's own (to test mirror rewriting).
    #[arg(long, value_name = "URL")]
    link_origin: Option<String>,
    /// A renamed repository, OLD=NEW, redirected with 307.
    #[arg(long, value_name = "OLD=NEW")]
    rename: Vec<String>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    if args.data.is_none() && args.synthetic.is_none() {
        return Err("give --data DIR, --synthetic N or both".into());
    }
    let mut data = match &args.data {
        Some(dir) => MockData::load_dir(dir)
            .map_err(|error| format!("cannot load {}: {error}", dir.display()))?,
        None => MockData::default(),
    };
    if let Some(count) = args.synthetic {
        data.add_synthetic(count);
    }

    let mut config = MockConfig {
        faults: args.fault,
        required_token: args.require_token,
        link_origin: args.link_origin,
        ..MockConfig::default()
    };
    for rename in &args.rename {
        let (old, new) = rename
            .split_once('=')
            .ok_or_else(|| format!("invalid --rename {rename:?}; expected OLD=NEW"))?;
        config = config.rename(old, new);
    }

    let records = data.len();
    let hub = MockHub::start_on(data, config, args.port).await?;
    println!("{}", hub.url());
    eprintln!(
        "mock Hub serving {records} records on {} (HF_ENDPOINT={}); Ctrl-C stops it",
        hub.url(),
        hub.url()
    );
    std::future::pending::<()>().await;
    Ok(())
}
