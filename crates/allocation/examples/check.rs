//! Times the independent checker (`allocation-check`) on a generated round:
//! `cargo run --release -p allocation --example check -- 5000 20000 7` solves the round,
//! writes its input, answer and certificate as JSON, and checks them, printing the time of
//! each step (the checker's time includes reading the three documents). With `WRITE=DIR`
//! it also writes them to `DIR/round.json`, `DIR/answer.json` and `DIR/certificate.json`;
//! `check DIR` checks those files instead (no solve: for profiling the checker alone, e.g.
//! under callgrind). `REPEAT=N` checks N times (default 5) and prints the fastest.

use std::time::Instant;

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let repeat: usize = std::env::var("REPEAT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let (round, answer, certificate, title) = if let [directory] = &arguments[..] {
        let read = |name: &str| {
            std::fs::read_to_string(format!("{directory}/{name}.json")).expect("readable file")
        };
        (
            read("round"),
            read("answer"),
            read("certificate"),
            directory.clone(),
        )
    } else {
        let numbers: Vec<usize> = arguments
            .iter()
            .map(|a| a.parse().expect("recipients lots seed"))
            .collect();
        let (recipients, lots, seed) = match numbers[..] {
            [r, l, s] => (r, l, s as u64),
            _ => (5_000, 20_000, 7),
        };
        let problem = allocation::generate::generate(recipients, lots, seed);
        let started = Instant::now();
        let solution = allocation::solve(&problem);
        let solved = started.elapsed();
        let round = serde_json::to_string(&problem).unwrap();
        let answer = serde_json::to_string(&solution).unwrap();
        let certificate = serde_json::to_string(&solution.certificate).unwrap();
        if let Ok(directory) = std::env::var("WRITE") {
            std::fs::create_dir_all(&directory).expect("a directory to write to");
            for (name, text) in [
                ("round", &round),
                ("answer", &answer),
                ("certificate", &certificate),
            ] {
                std::fs::write(format!("{directory}/{name}.json"), text).expect("writable");
            }
        }
        let title = format!(
            "{recipients} x {lots} (seed {seed}): {} levels, {} shipments; solve {:.1} ms",
            solution.certificate.levels.len(),
            solution.shipments.len(),
            solved.as_secs_f64() * 1e3,
        );
        (round, answer, certificate, title)
    };
    let mut best = f64::INFINITY;
    for _ in 0..repeat.max(1) {
        let started = Instant::now();
        let failures = allocation_check::check(&round, &answer, &certificate);
        best = best.min(started.elapsed().as_secs_f64());
        assert!(failures.is_empty(), "{failures:#?}");
    }
    println!(
        "{title}; check (best of {repeat}) {:.1} ms; documents {} + {} + {} kB",
        best * 1e3,
        round.len() / 1024,
        answer.len() / 1024,
        certificate.len() / 1024
    );
}
