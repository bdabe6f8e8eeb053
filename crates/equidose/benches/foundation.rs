//! Benchmarks of the foundation: importing the real 2.1 MB vaccinations file and a one-day report.
//!
//! Run with `cargo bench -p equidose --bench foundation`. Reads `../shared/data/owid-2021-08`
//! beside the repository; without it, says so and measures the built-in snapshot instead.

use std::path::PathBuf;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use domain::coverage::Grouping;
use importer::owid::{Input, read_owid};
use store::Backend;
use store::testing::TestDatabase;

struct Files {
    vaccinations: Vec<u8>,
    population: Vec<u8>,
    income_groups: Vec<u8>,
}

fn files() -> Files {
    let folder =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/owid-2021-08");
    let read = |name: &str| std::fs::read(folder.join(name));
    match (
        read("vaccinations.csv"),
        read("population_2020.csv"),
        read("income_groups.csv"),
    ) {
        (Ok(vaccinations), Ok(population), Ok(income_groups)) => Files {
            vaccinations,
            population,
            income_groups,
        },
        _ => {
            eprintln!(
                "note: {} is absent; measuring the built-in snapshot instead",
                folder.display()
            );
            let snapshot = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../importer/snapshot");
            let read = |name: &str| std::fs::read(snapshot.join(name)).unwrap();
            let compact = String::from_utf8(read(importer::snapshot::VACCINATIONS_FILE)).unwrap();
            Files {
                vaccinations: importer::snapshot::expand(&compact).unwrap().into_bytes(),
                population: read("population.csv"),
                income_groups: read("income-groups.csv"),
            }
        }
    }
}

fn parse(files: &Files) -> domain::country::ReferenceData {
    read_owid(
        Input::new("vaccinations.csv", files.vaccinations.as_slice()),
        Input::new("population.csv", files.population.as_slice()),
        Input::new("income_groups.csv", files.income_groups.as_slice()),
        &mut |_| {},
    )
    .unwrap()
    .0
}

fn benchmarks(criterion: &mut Criterion) {
    let files = files();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    criterion.bench_function("import/parse", |bench| bench.iter(|| parse(&files)));
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(database) = runtime.block_on(TestDatabase::create(backend)) else {
            continue;
        };
        let store = runtime.block_on(database.open());
        criterion.bench_function(
            &format!("import/parse_and_store/{}", backend.name()),
            |bench| {
                bench.iter(|| {
                    runtime
                        .block_on(store.import_reference_data(&parse(&files)))
                        .unwrap()
                })
            },
        );
        let day = NaiveDate::from_ymd_opt(2021, 8, 4).unwrap();
        for (name, grouping) in [
            ("income_group", Grouping::IncomeGroup),
            ("country", Grouping::Country),
        ] {
            criterion.bench_function(
                &format!("report_one_day/{name}/{}", backend.name()),
                |bench| bench.iter(|| runtime.block_on(store.coverage_on(day, grouping)).unwrap()),
            );
        }
        runtime.block_on(store.close());
        runtime.block_on(database.remove());
    }
}

fn configured() -> Criterion {
    // Imports take tens of milliseconds each: twenty samples over a few seconds are plenty.
    Criterion::default()
        .sample_size(20)
        .measurement_time(std::time::Duration::from_secs(4))
}

criterion_group! {
    name = benches;
    config = configured();
    targets = benchmarks
}
criterion_main!(benches);
