//! Criterion benchmarks of whole rounds on generated instances of the three reference sizes.

use std::hint::black_box;
use std::time::Duration;

use allocation::generate::generate;
use allocation::solve;
use criterion::{Criterion, criterion_group, criterion_main};

fn rounds(c: &mut Criterion) {
    let mut group = c.benchmark_group("round");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for &(recipients, lots) in &[(100, 1_000), (200, 2_000), (5_000, 20_000)] {
        let problem = generate(recipients, lots, 7);
        group.bench_function(format!("{recipients}x{lots}"), |b| {
            b.iter(|| solve(black_box(&problem)))
        });
    }
    group.finish();
}

criterion_group!(benches, rounds);
criterion_main!(benches);
