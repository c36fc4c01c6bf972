//! Interval arithmetic for printed figures (domain.md §2, XBRL Calculations 1.1 style).
//!
//! A figure printed with `d` decimals stands for every true value that rounds to it:
//! the closed interval `[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]`. Two printed statements are consistent
//! when their intervals overlap. Because every comparison goes through this type, a
//! difference that rounding can explain can never become an error finding.

use rust_decimal::Decimal;
use serde::Serialize;

/// How a printed figure may relate to its true value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    /// Round half away from zero (the publication standard).
    Round,
    /// Round, or cut off the extra digits (some authors truncate).
    RoundOrTruncate,
}

/// A closed interval of real values `[lo, hi]` with exact decimal bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

/// Half a unit in the last printed place: ½·10⁻ᵈ.
pub fn half_ulp(decimals: u32) -> Decimal {
    Decimal::new(5, decimals.min(27) + 1)
}

/// One unit in the last printed place: 10⁻ᵈ.
pub fn ulp(decimals: u32) -> Decimal {
    Decimal::new(1, decimals.min(28))
}

impl Interval {
    /// The single value `v`.
    pub fn exact(v: Decimal) -> Self {
        Interval { lo: v, hi: v }
    }

    pub fn zero() -> Self {
        Interval::exact(Decimal::ZERO)
    }

    /// The true values a figure printed as `v` with `decimals` places may stand for.
    pub fn printed(v: Decimal, decimals: u32, rounding: Rounding) -> Self {
        let h = half_ulp(decimals);
        match rounding {
            Rounding::Round => Interval { lo: v - h, hi: v + h },
            // Truncation toward zero leaves up to one whole unit behind the printed
            // digits, on the side away from zero.
            Rounding::RoundOrTruncate => {
                let u = ulp(decimals);
                if v.is_sign_negative() && !v.is_zero() {
                    Interval { lo: v - u, hi: v + h }
                } else {
                    Interval { lo: v - h, hi: v + u }
                }
            }
        }
    }

    /// Multiply by an exact factor (unit conversion 元/万元/亿元 is exact).
    pub fn scale(self, f: Decimal) -> Interval {
        // Saturating: figures are bounded when read, but a chain of conversions and sums must
        // never panic (a wasm panic kills the page); a saturated bound only widens the interval.
        let (a, b) = (self.lo.saturating_mul(f), self.hi.saturating_mul(f));
        if a <= b {
            Interval { lo: a, hi: b }
        } else {
            Interval { lo: b, hi: a }
        }
    }

    /// `self ÷ whole × 100` over all values the two intervals allow; `None` unless the whole is
    /// surely positive (a share or rate of a zero or negative base is undefined).
    pub fn percent_of(self, whole: Interval) -> Option<Interval> {
        if whole.lo <= Decimal::ZERO {
            return None;
        }
        self.checked_div(whole).map(|q| q.scale(Decimal::ONE_HUNDRED))
    }

    /// `self / o`, or `None` when the divisor may be zero (the quotient is unbounded).
    pub fn checked_div(self, o: Interval) -> Option<Interval> {
        if o.contains(Decimal::ZERO) {
            return None;
        }
        let cands = [
            self.lo.checked_div(o.lo)?,
            self.lo.checked_div(o.hi)?,
            self.hi.checked_div(o.lo)?,
            self.hi.checked_div(o.hi)?,
        ];
        let lo = cands.iter().copied().min()?;
        let hi = cands.iter().copied().max()?;
        Some(Interval { lo, hi })
    }

    pub fn sum<I: IntoIterator<Item = Interval>>(items: I) -> Interval {
        items.into_iter().fold(Interval::zero(), |a, b| a + b)
    }

    pub fn contains(&self, v: Decimal) -> bool {
        self.lo <= v && v <= self.hi
    }

    /// Two statements about one quantity are consistent iff some true value fits both.
    pub fn overlaps(&self, o: &Interval) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }

    pub fn midpoint(&self) -> Decimal {
        self.lo / Decimal::TWO + self.hi / Decimal::TWO
    }

    /// Distance between the two intervals (zero when they overlap).
    pub fn gap(&self, o: &Interval) -> Decimal {
        if self.overlaps(o) {
            Decimal::ZERO
        } else if self.hi < o.lo {
            o.lo.saturating_sub(self.hi)
        } else {
            self.lo.saturating_sub(o.hi)
        }
    }
}

impl std::ops::Add for Interval {
    type Output = Interval;
    fn add(self, o: Interval) -> Interval {
        Interval { lo: self.lo.saturating_add(o.lo), hi: self.hi.saturating_add(o.hi) }
    }
}

impl std::ops::Sub for Interval {
    type Output = Interval;
    fn sub(self, o: Interval) -> Interval {
        Interval { lo: self.lo.saturating_sub(o.hi), hi: self.hi.saturating_sub(o.lo) }
    }
}

impl std::ops::Neg for Interval {
    type Output = Interval;
    fn neg(self) -> Interval {
        Interval { lo: -self.hi, hi: -self.lo }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn p(s: &str) -> Interval {
        let v = d(s);
        Interval::printed(v, v.scale(), Rounding::Round)
    }

    #[test]
    fn domain_example_318_27_under_318_26_is_consistent() {
        // Three children printed to 2 places summing to 318.27 under a total of 318.26.
        let children = [p("100.09"), p("100.09"), p("118.09")];
        let sum = Interval::sum(children);
        assert!(sum.overlaps(&p("318.26")));
    }

    #[test]
    fn n_plus_one_half_ulp_edge() {
        // n children of equal d: consistent iff |total − Σ| ≤ (n+1)·½·10⁻ᵈ.
        let children = [p("1.00"), p("1.00"), p("1.00")];
        let sum = Interval::sum(children);
        assert!(sum.overlaps(&p("3.02"))); // exactly (3+1)·0.005 = 0.02
        assert!(!sum.overlaps(&p("3.03")));
        assert!(sum.overlaps(&p("2.98")));
        assert!(!sum.overlaps(&p("2.97")));
    }

    #[test]
    fn unit_conversion_is_exact() {
        let yuan = p("12462702.17");
        let wan = yuan.scale(d("0.0001"));
        assert_eq!(wan.lo, d("1246.2702165"));
        assert!(wan.overlaps(&p("1246.27")));
        assert!(!wan.overlaps(&p("1246.28")));
    }

    #[test]
    fn percentage_with_operand_intervals() {
        // 203.10 / 1015.50 = 20.00 %, 35.1 % is wrong.
        let r = p("203.10").checked_div(p("1015.50")).unwrap().scale(d("100"));
        assert!(r.overlaps(&p("20.00")));
        assert!(!r.overlaps(&p("35.1")));
        assert!(p("1").checked_div(p("0.00")).is_none());
    }

    #[test]
    fn truncation_widens_only_away_from_zero() {
        let t = Interval::printed(d("2.99"), 2, Rounding::RoundOrTruncate);
        assert!(t.contains(d("2.999")));
        assert!(!Interval::printed(d("2.99"), 2, Rounding::Round).contains(d("2.999")));
    }
}
