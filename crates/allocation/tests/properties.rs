//! Property tests: every answer is feasible (checked day by day from its shipments), maximal,
//! optimal against the reference solver, and admits no transfer to someone worse off.
//! Cases are drawn from a seed, so a failure prints the seed that replays it.

mod common;

use allocation::generate::{Shape, generate_shape};
use allocation::solve;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn small_rounds_are_feasible_and_optimal(seed in any::<u64>()) {
        let problem = common::small(seed);
        let solution = solve(&problem);
        prop_assert_eq!(common::check_feasible(&problem, &solution), Ok(()), "seed {}", seed);
        prop_assert_eq!(common::check_optimal(&problem, &solution), Ok(()), "seed {}", seed);
    }

    #[test]
    fn small_rounds_admit_no_transfer_to_someone_worse_off(seed in any::<u64>()) {
        let problem = common::small(seed);
        let solution = solve(&problem);
        prop_assert_eq!(
            common::check_no_improving_transfer(&problem, &solution), Ok(()), "seed {}", seed
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Realistic magnitudes (populations to 1.4e9, lots to 1e7): feasibility, maximality
    /// and no improving transfer, all with exact integer flows.
    #[test]
    fn generated_rounds_are_feasible_maximal_and_fair(
        seed in any::<u64>(),
        recipients in 1usize..7,
        lots in 1usize..25,
    ) {
        let shape = Shape { recipients, lots, earmarked_share: 0.5, earmark_size_max: 3 };
        let problem = generate_shape(shape, seed);
        let solution = solve(&problem);
        prop_assert_eq!(common::check_feasible(&problem, &solution), Ok(()), "seed {}", seed);
        let reference = common::Reference::new(&problem);
        let bounds: Vec<common::Q> = reference.upper.iter().map(|&u| common::Q::int(u)).collect();
        let (most, _, _) = reference.flow(&bounds);
        prop_assert_eq!(most, common::Q::int(solution.total_doses as i128), "seed {}", seed);
        prop_assert_eq!(
            common::check_no_improving_transfer(&problem, &solution), Ok(()), "seed {}", seed
        );
    }
}
