mod common;
#[test]
fn scratch() {
    let seed = 10608996054062988719u64;
    let p = common::small(seed);
    let s = allocation::solve(&p);
    println!("{}", serde_json::to_string_pretty(&p).unwrap());
    let r = common::Reference::new(&p);
    let o = r.optimum();
    for (j, x) in s.recipients.iter().enumerate() {
        println!(
            "{} doses {} opt {:.4} W {:?} d {} level {:.6}",
            x.id,
            x.doses,
            o[j].n as f64 / o[j].d as f64,
            r.weight(j),
            p.recipients[j].doses_received,
            (p.recipients[j].doses_received as f64 + x.doses as f64)
                / (r.weight(j).n as f64 / r.weight(j).d as f64)
        );
    }
    println!("{:?}", common::check_no_improving_transfer(&p, &s));
}
