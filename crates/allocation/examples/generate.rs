//! Writes a generated round as spec input JSON to stdout: `generate RECIPIENTS LOTS SEED`.

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| {
            a.parse()
                .expect("arguments are whole numbers: RECIPIENTS LOTS SEED")
        })
        .collect();
    let [recipients, lots, seed] = args[..] else {
        eprintln!("usage: generate RECIPIENTS LOTS SEED");
        std::process::exit(2);
    };
    let problem = allocation::generate::generate(
        usize::try_from(recipients).expect("a count that fits this machine"),
        usize::try_from(lots).expect("a count that fits this machine"),
        seed,
    );
    println!("{}", serde_json::to_string_pretty(&problem).unwrap());
}
