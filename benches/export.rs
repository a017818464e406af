//! Benches of the export thread's work: writing the Search results of 100,000 synthetic models
//! as CSV and as JSON, from the shared models to an in-memory sink, as `e` does on a background
//! thread. The time per row gives the time of a larger export, such as 3,000,000 rows.
//!
//! Run with `cargo bench --bench export`. No recorded data is needed: the models come from a
//! fixed formula, the same at every run.

use std::hint::black_box;
use std::io;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use slmscope::model::{HubTime, Model, ParamCount, ParamSource};
use slmscope::tui::export::{ExportTable, Format, ModelColumns, Rows, write_table};

const MODELS: usize = 100_000;
const TASKS: [&str; 4] = [
    "text-generation",
    "text-classification",
    "feature-extraction",
    "automatic-speech-recognition",
];

/// Builds `count` models with ids, sizes, tasks, downloads and dates that vary with the index.
fn models(count: usize) -> Vec<Model> {
    (0..count)
        .map(|index| {
            let total = (index % 7 != 0).then(|| 10_000_000 * (1 + (index as u64 * 7919) % 9_000));
            let mut model = Model::new(&format!(
                "org-{}/model-{index}-{}B",
                index % 997,
                index % 70
            ));
            model.author = Some(format!("org-{}", index % 997).as_str().into());
            model.pipeline_tag = Some(TASKS[index % TASKS.len()].into());
            model.library_name = Some("transformers".into());
            model.created_at = HubTime::parse(&format!(
                "20{:02}-{:02}-{:02}T10:00:00Z",
                22 + index % 4,
                1 + index % 12,
                1 + index % 28
            ));
            model.set_downloads(Some((index as u64 * 104_729) % 5_000_000));
            model.set_likes(Some(index as u64 % 3_000));
            model.params = ParamCount::new(
                total,
                None,
                if total.is_some() {
                    ParamSource::Safetensors
                } else {
                    ParamSource::Unknown
                },
                false,
            );
            model.synthetic = true;
            model
        })
        .collect()
}

fn search_table(models: &Arc<Vec<Model>>) -> ExportTable {
    ExportTable {
        tab: "search",
        view: "results",
        threshold: 7_000_000_000,
        filter: String::new(),
        filter_description: String::new(),
        filter_json: serde_json::Value::Null,
        settings: Vec::new(),
        columns: ModelColumns::Search.names(),
        rows: Rows::Models {
            models: Arc::clone(models),
            order: (0..models.len()).collect(),
            columns: ModelColumns::Search,
        },
    }
}

fn benches(criterion: &mut Criterion) {
    let models = Arc::new(models(MODELS));
    let table = search_table(&models);
    let mut group = criterion.benchmark_group("export");
    group.sample_size(10);
    group.throughput(Throughput::Elements(MODELS as u64));
    for (name, format) in [("csv", Format::Csv), ("json", Format::Json)] {
        group.bench_function(format!("search {MODELS} rows {name}"), |bencher| {
            bencher.iter(|| {
                let mut sink = io::BufWriter::new(io::sink());
                write_table(&table, format, &mut sink, &mut |_| Ok(())).expect("written");
                black_box(sink);
            })
        });
    }
    group.finish();
}

criterion_group!(export, benches);
criterion_main!(export);
