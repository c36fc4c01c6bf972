//! Property tests of the rounding model (domain.md §2): figures printed by rounding true
//! values never give an error, whatever the values and the number of parts; a difference
//! beyond (n+1)·½·10⁻ᵈ always does.

use budgetlint::interval::Rounding;
use budgetlint::report::Severity;
use budgetlint::rules::arithmetic::{check_sum, Term};
use budgetlint::text::number::cell_value;
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

fn printed(v: Decimal, d: u32) -> String {
    format!("{:.*}", d as usize, v.round_dp_with_strategy(d, RoundingStrategy::MidpointAwayFromZero))
}

proptest! {
    #[test]
    fn rounded_figures_never_error(
        values in prop::collection::vec(0i64..100_000_000, 1..30),
        d in 0u32..3,
    ) {
        // True values with 4 decimals; the table prints each part and the total rounded.
        let true_values: Vec<Decimal> = values.iter().map(|v| Decimal::new(*v, 4)).collect();
        let total: Decimal = true_values.iter().sum();
        let parts: Vec<String> = true_values.iter().map(|v| printed(*v, d)).collect();
        let total_s = printed(total, d);
        let terms: Vec<Term> = parts.iter().map(|p| Term { value: cell_value(p), text: p }).collect();
        let total_t = Term { value: cell_value(&total_s), text: &total_s };
        prop_assert!(check_sum(Rounding::Round, total_t, &terms).is_none(), "{total_s} vs {parts:?}");
    }

    #[test]
    fn differences_beyond_the_bound_are_errors(
        values in prop::collection::vec(0i64..10_000_000, 1..20),
        extra in 1i64..1000,
    ) {
        // Parts printed with 2 decimals; the total is off by more than (n+1)·0.005.
        let parts: Vec<String> = values.iter().map(|v| printed(Decimal::new(*v, 2), 2)).collect();
        let n = parts.len() as i64;
        let sum: Decimal = values.iter().map(|v| Decimal::new(*v, 2)).sum();
        let off = Decimal::new((n + 1) * 5 + 10 * extra, 3);
        let total_s = printed(sum + off, 2);
        let terms: Vec<Term> = parts.iter().map(|p| Term { value: cell_value(p), text: p }).collect();
        let total_t = Term { value: cell_value(&total_s), text: &total_s };
        let m = check_sum(Rounding::Round, total_t, &terms);
        prop_assert!(m.is_some());
        // Truncated printing can explain up to n+1 more units; beyond that it is an error.
        if extra > n + 1 {
            prop_assert_eq!(m.unwrap().severity, Severity::Error);
        }
    }
}
