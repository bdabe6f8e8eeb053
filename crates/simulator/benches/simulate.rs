//! The speed of a run: the example scenario of August 2021 (two years, daily, every country,
//! weekly sharing rounds) on the built-in snapshot, its three policies together.

use criterion::{Criterion, criterion_group, criterion_main};

fn example(criterion: &mut Criterion) {
    let (data, _) = importer::snapshot::builtin().expect("the built-in snapshot reads");
    let text = include_str!("../../../examples/august-2021.toml");
    let scenario = simulator::parse(
        "examples/august-2021.toml",
        text,
        &simulator::DataExtent::of(&data),
    )
    .expect("the example scenario is valid");
    let mut group = criterion.benchmark_group("simulate");
    group.sample_size(10);
    group.bench_function("august-2021, three policies, 730 days", |bencher| {
        bencher.iter(|| simulator::simulate(&scenario, &data));
    });
    group.finish();
}

criterion_group!(benches, example);
criterion_main!(benches);
