//! The state of one policy's world and its daily step (`spec/simulator.md`, "The model").
//!
//! A day, in this order: production is released to its owners or the pool; shipments due
//! today arrive; each country administers, earliest expiry first, up to its rate and the
//! coverage allowed; doses whose last day was today expire; on a round day the policy's
//! sharing round runs. Then the dose account is checked: produced + stock at start =
//! administered + expired + in stock + in transit, to the dose, recomputed from the state.

use std::collections::VecDeque;

use crate::policy::{self, Split};
use crate::scenario::{PolicyKind, Scenario, StockAtStart};
use crate::world::{GROUPS, WORLD, World};

/// Doses of one product with one last day, held somewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lot {
    /// Last day (counted from the start) on which the doses may be administered.
    pub expiry: i32,
    /// Index of the product in the scenario's list of products.
    pub product: u16,
    /// Doses, more than 0.
    pub doses: u64,
}

/// A holder's doses: per product, lots in order of their last day, one lot per day; and
/// their total. New production has the latest last day of its product, so it is appended;
/// administration and expiry take from the front.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stock {
    by_product: Vec<VecDeque<Lot>>,
    total: u64,
}

impl Stock {
    /// Every lot, product by product, each product's earliest expiry first.
    pub fn lots(&self) -> impl Iterator<Item = &Lot> {
        self.by_product.iter().flatten()
    }

    /// Every lot of each product whose last day is `day` or earlier.
    pub fn lots_until(&self, day: i32) -> impl Iterator<Item = &Lot> {
        self.by_product
            .iter()
            .flat_map(move |lots| lots.iter().take_while(move |lot| lot.expiry <= day))
    }

    /// Every lot, the latest expiry first (then the last product first), merged lazily
    /// from the products' lots: a round usually needs only the last few.
    pub fn lots_latest_first(&self) -> impl Iterator<Item = Lot> + '_ {
        let mut ends: Vec<usize> = self.by_product.iter().map(VecDeque::len).collect();
        std::iter::from_fn(move || {
            let (product, _) = self
                .by_product
                .iter()
                .zip(&ends)
                .enumerate()
                .filter(|(_, (_, end))| **end > 0)
                .map(|(product, (lots, end))| (product, lots[*end - 1].expiry))
                .max_by_key(|&(product, expiry)| (expiry, product))?;
            ends[product] -= 1;
            Some(self.by_product[product][ends[product]])
        })
    }

    /// The earliest last day and product of any lot, if any.
    pub fn earliest(&self) -> Option<(i32, u16)> {
        self.by_product
            .iter()
            .zip(0u16..)
            .filter_map(|(lots, product)| lots.front().map(|lot| (lot.expiry, product)))
            .min()
    }

    /// The doses of the lot [`Stock::earliest`] names (0 when empty).
    pub fn earliest_doses(&self) -> u64 {
        self.earliest()
            .and_then(|(_, product)| self.by_product[usize::from(product)].front())
            .map_or(0, |lot| lot.doses)
    }

    /// All doses held.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The total recounted from the lots, for the daily check.
    pub fn recount(&self) -> u64 {
        self.lots().map(|lot| lot.doses).sum()
    }

    /// Adds doses to the lot of their product and last day.
    pub fn add(&mut self, lot: Lot) {
        if lot.doses == 0 {
            return;
        }
        let product = usize::from(lot.product);
        if self.by_product.len() <= product {
            self.by_product.resize_with(product + 1, VecDeque::new);
        }
        let lots = &mut self.by_product[product];
        let mut index = lots.len();
        while index > 0 && lots[index - 1].expiry > lot.expiry {
            index -= 1;
        }
        if index > 0 && lots[index - 1].expiry == lot.expiry {
            lots[index - 1].doses += lot.doses;
        } else {
            lots.insert(index, lot);
        }
        self.total += lot.doses;
    }

    /// Takes up to `doses`, earliest expiry first (then the first product); returns how
    /// many were taken.
    pub fn take_earliest(&mut self, doses: u64) -> u64 {
        let mut left = doses.min(self.total);
        let taken_all = left;
        while left > 0 {
            let Some((product, _)) = self
                .by_product
                .iter()
                .enumerate()
                .filter_map(|(product, lots)| lots.front().map(|lot| (product, lot.expiry)))
                .min_by_key(|&(product, expiry)| (expiry, product))
            else {
                break;
            };
            let lots = &mut self.by_product[product];
            let Some(front) = lots.front_mut() else {
                break;
            };
            let taken = front.doses.min(left);
            front.doses -= taken;
            left -= taken;
            if front.doses == 0 {
                lots.pop_front();
            }
        }
        let taken = taken_all - left;
        self.total -= taken;
        taken
    }

    /// Takes `doses` of the lot with this expiry and product; returns how many were taken.
    pub fn take(&mut self, expiry: i32, product: u16, doses: u64) -> u64 {
        let Some(lots) = self.by_product.get_mut(usize::from(product)) else {
            return 0;
        };
        let Ok(index) = lots.binary_search_by_key(&expiry, |lot| lot.expiry) else {
            return 0;
        };
        let taken = lots[index].doses.min(doses);
        lots[index].doses -= taken;
        if lots[index].doses == 0 {
            lots.remove(index);
        }
        self.total -= taken;
        taken
    }

    /// Removes the doses whose last day is `day` or earlier; returns how many.
    pub fn expire(&mut self, day: i32) -> u64 {
        let mut expired = 0;
        for lots in &mut self.by_product {
            while let Some(lot) = lots.front() {
                if lot.expiry > day {
                    break;
                }
                expired += lot.doses;
                lots.pop_front();
            }
        }
        self.total -= expired;
        expired
    }
}

/// One country's doses.
#[derive(Debug, Clone, Default)]
pub struct Holder {
    /// Doses in stock from its own share of production (and its stock at the start): the
    /// only doses a policy may make it give away.
    pub stock: Stock,
    /// Doses in stock that came to it through sharing rounds: given to be administered
    /// there, never pooled again (else they could travel from round to round).
    pub received: Stock,
    /// Doses administered in all, those before the start included.
    pub administered: u64,
    /// Doses on their way to it.
    pub incoming: u64,
    /// The fraction of a dose its rate carries to the next day.
    carry: f64,
}

impl Holder {
    /// Doses it has: administered, in stock and on their way.
    pub fn held(&self) -> u64 {
        self.administered + self.in_stock() + self.incoming
    }

    /// Doses in stock, its own and those received.
    pub fn in_stock(&self) -> u64 {
        self.stock.total() + self.received.total()
    }

    /// Administers up to `doses`, earliest expiry first across its own and received doses
    /// (its own first on the same day); returns how many.
    fn administer(&mut self, doses: u64) -> u64 {
        let mut left = doses;
        while left > 0 {
            let own = self.stock.earliest();
            let received = self.received.earliest();
            let stock = match (own, received) {
                (Some(own), Some(received)) if received < own => &mut self.received,
                (Some(_), _) => &mut self.stock,
                (None, Some(_)) => &mut self.received,
                (None, None) => break,
            };
            let lot_doses = stock.earliest_doses();
            left -= stock.take_earliest(left.min(lot_doses));
        }
        doses - left
    }
}

/// Doses on their way from a round to a country.
#[derive(Debug, Clone, Copy)]
pub struct Transit {
    /// Day of arrival.
    pub arrival: i32,
    /// Index of the country.
    pub recipient: usize,
    /// What travels.
    pub lot: Lot,
}

/// Where every dose of the simulation went, so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct DoseAccount {
    /// Doses released by production since the start.
    pub produced: u64,
    /// Doses held in stock at the start.
    pub stock_at_start: u64,
    /// Doses administered since the start.
    pub administered: u64,
    /// Doses expired unused.
    pub expired: u64,
    /// Doses in stock now (countries and the pool).
    pub in_stock: u64,
    /// Doses on their way now.
    pub in_transit: u64,
    /// Doses allocated by sharing rounds (each dose counted each time it is allocated).
    pub shared: u64,
}

impl DoseAccount {
    /// Whether the account balances: produced + stock at start = administered + expired +
    /// in stock + in transit.
    pub fn balances(&self) -> bool {
        u128::from(self.produced) + u128::from(self.stock_at_start)
            == u128::from(self.administered)
                + u128::from(self.expired)
                + u128::from(self.in_stock)
                + u128::from(self.in_transit)
    }
}

/// One policy's simulated world.
pub struct State<'a> {
    pub(crate) scenario: &'a Scenario,
    pub(crate) world: &'a World,
    pub(crate) kind: PolicyKind,
    /// Per country, in the world's order.
    pub(crate) holders: Vec<Holder>,
    /// Production no one owns, waiting for a round.
    pub(crate) pool: Stock,
    /// Shipments, by arrival day (rounds are in day order and the lead time is fixed).
    pub(crate) transit: VecDeque<Transit>,
    /// Doses each country may administer in all: primary and booster.
    pub(crate) allowed: Vec<u64>,
    /// Products, in the order of their first supply line.
    pub(crate) products: Vec<String>,
    /// Per country, whether it owns a share of production (a holder in the policies' sense).
    pub(crate) owns_production: Vec<bool>,
    split: Split,
    /// Days each supply line has released so far.
    released_days: Vec<u64>,
    account: DoseAccount,
    /// Expired doses by the income group of their holder, then the pool.
    expired_by_holder: [u64; GROUPS],
    /// Doses administered in all per group row, one entry per day from the start.
    series: Vec<[u64; GROUPS]>,
}

/// What one policy's run leaves: its series and accounts.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyRun {
    /// The policy's name.
    pub name: String,
    /// Doses administered in all per group row (four groups, then the world), day 0 = start.
    pub series: Vec<[u64; GROUPS]>,
    /// Expired doses by the income group of their holder (four groups), then the pool.
    pub expired_by_holder: [u64; GROUPS],
    /// The dose account at the end.
    pub doses: DoseAccount,
}

impl<'a> State<'a> {
    /// The world at the start, for one policy.
    pub fn new(scenario: &'a Scenario, world: &'a World, kind: PolicyKind) -> State<'a> {
        let mut products: Vec<String> = Vec::new();
        for line in &scenario.supply {
            if !products.contains(&line.product) {
                products.push(line.product.clone());
            }
        }
        let allowed_per_100 = scenario.primary_per_100 + scenario.booster_per_100;
        let allowed = world
            .countries
            .iter()
            .map(|country| doses_for(allowed_per_100, country.population))
            .collect();
        let mut holders: Vec<Holder> = world
            .countries
            .iter()
            .map(|country| Holder {
                administered: country.administered_at_start,
                ..Holder::default()
            })
            .collect();
        let mut account = DoseAccount::default();
        if let (StockAtStart::AbsorptionDays(days), Some(line)) =
            (scenario.stock_at_start, scenario.supply.first())
        {
            let shelf = i32::try_from(line.shelf_life_days).unwrap_or(i32::MAX);
            for (holder, country) in holders.iter_mut().zip(&world.countries) {
                let doses = whole(country.rate_per_day * f64::from(days));
                // Evenly over the shelf life, one lot a week (the last one shorter).
                let weeks = (shelf + 6) / 7;
                let mut given = 0;
                for week in 1..=weeks {
                    let upto = split_floor(
                        doses,
                        u64::try_from(week).unwrap_or(0),
                        u64::try_from(weeks).unwrap_or(1),
                    );
                    holder.stock.add(Lot {
                        expiry: (week * 7).min(shelf),
                        product: 0,
                        doses: upto - given,
                    });
                    given = upto;
                }
                account.stock_at_start += doses;
            }
        }
        let split = policy::split(kind, scenario, world);
        let mut owns_production = vec![false; world.countries.len()];
        for &(country, _) in &split.shares {
            owns_production[country] = true;
        }
        let mut state = State {
            scenario,
            world,
            kind,
            holders,
            pool: Stock::default(),
            transit: VecDeque::new(),
            allowed,
            products,
            owns_production,
            split,
            released_days: vec![0; scenario.supply.len()],
            account,
            expired_by_holder: [0; GROUPS],
            series: Vec::with_capacity(usize::try_from(scenario.days).unwrap_or(0) + 1),
        };
        state.record();
        state
    }

    /// Runs every day of the horizon and returns the run's series and accounts.
    pub fn run(mut self, name: &str) -> PolicyRun {
        for day in 1..=i32::try_from(self.scenario.days).unwrap_or(0) {
            self.step(day);
        }
        PolicyRun {
            name: name.to_owned(),
            series: self.series,
            expired_by_holder: self.expired_by_holder,
            doses: self.account,
        }
    }

    /// One day.
    pub fn step(&mut self, day: i32) {
        self.release(day);
        self.arrive(day);
        self.administer(day);
        self.expire(day);
        if policy::round_due(self.kind, day) {
            let shared = policy::round(self, day);
            self.account.shared += shared;
        }
        self.check_conservation(day);
        self.record();
    }

    fn release(&mut self, day: i32) {
        let date = self.scenario.start + chrono::Duration::days(i64::from(day));
        for (index, line) in self.scenario.supply.iter().enumerate() {
            if line.from.is_some_and(|from| date < from) || line.to.is_some_and(|to| date > to) {
                continue;
            }
            // Evenly day by day: the k-th day of production brings the total to
            // floor(k × doses per month × 12 / 365).
            let k = self.released_days[index];
            let per_year = u128::from(line.doses_per_month) * 12;
            let total =
                |days: u64| u64::try_from(per_year * u128::from(days) / 365).unwrap_or(u64::MAX);
            let doses = total(k + 1) - total(k);
            self.released_days[index] = k + 1;
            if doses == 0 {
                continue;
            }
            self.account.produced += doses;
            let product = u16::try_from(
                self.products
                    .iter()
                    .position(|name| *name == line.product)
                    .unwrap_or(0),
            )
            .unwrap_or(0);
            let expiry =
                day.saturating_add(i32::try_from(line.shelf_life_days).unwrap_or(i32::MAX));
            let mut given = 0;
            for &(country, cumulative) in &self.split.shares {
                let upto = (fraction_of(doses, cumulative)).min(doses);
                if upto > given {
                    self.holders[country].stock.add(Lot {
                        expiry,
                        product,
                        doses: upto - given,
                    });
                    given = upto;
                }
            }
            self.pool.add(Lot {
                expiry,
                product,
                doses: doses - given,
            });
        }
    }

    fn arrive(&mut self, day: i32) {
        while let Some(shipment) = self.transit.front() {
            if shipment.arrival > day {
                break;
            }
            let shipment = *shipment;
            self.transit.pop_front();
            let holder = &mut self.holders[shipment.recipient];
            holder.incoming -= shipment.lot.doses;
            holder.received.add(shipment.lot);
        }
    }

    fn administer(&mut self, day: i32) {
        let growth = (1.0 + self.scenario.absorption_growth_per_month).powf(f64::from(day) / 30.0);
        for ((holder, country), &allowed) in self
            .holders
            .iter_mut()
            .zip(&self.world.countries)
            .zip(&self.allowed)
        {
            holder.carry += country.rate_per_day * growth;
            let capacity = whole(holder.carry);
            let room = allowed.saturating_sub(holder.administered);
            let given = holder.administer(capacity.min(room));
            holder.administered += given;
            self.account.administered += given;
            // The unused part of the day's capacity is lost; only the fraction carries.
            #[allow(
                clippy::cast_precision_loss,
                reason = "a day's doses are far below 2^52"
            )]
            {
                holder.carry -= capacity as f64;
            }
        }
    }

    fn expire(&mut self, day: i32) {
        for (holder, country) in self.holders.iter_mut().zip(&self.world.countries) {
            let expired = holder.stock.expire(day) + holder.received.expire(day);
            self.expired_by_holder[country.group] += expired;
            self.account.expired += expired;
        }
        let expired = self.pool.expire(day);
        self.expired_by_holder[WORLD] += expired;
        self.account.expired += expired;
    }

    /// Recomputes the doses in stock and in transit from the state and asserts the account.
    fn check_conservation(&mut self, day: i32) {
        let in_stock: u64 =
            self.holders.iter().map(Holder::in_stock).sum::<u64>() + self.pool.total();
        // The totals are kept as lots change; recounting every lot every day is for tests.
        debug_assert_eq!(
            in_stock,
            self.holders
                .iter()
                .map(|holder| holder.stock.recount() + holder.received.recount())
                .sum::<u64>()
                + self.pool.recount(),
            "day {day}: a stock's total disagrees with its lots"
        );
        let in_transit: u64 = self.transit.iter().map(|shipment| shipment.lot.doses).sum();
        let incoming: u64 = self.holders.iter().map(|holder| holder.incoming).sum();
        self.account.in_stock = in_stock;
        self.account.in_transit = in_transit;
        // A broken account is a bug of the model, never of the input: stop loudly.
        assert_eq!(incoming, in_transit, "day {day}: doses in transit disagree");
        assert!(
            self.account.balances(),
            "day {day}: the dose account does not balance: {:?}",
            self.account
        );
    }

    fn record(&mut self) {
        let mut row = [0u64; GROUPS];
        for (holder, country) in self.holders.iter().zip(&self.world.countries) {
            row[country.group] += holder.administered;
            row[WORLD] += holder.administered;
        }
        self.series.push(row);
    }
}

/// Doses for a coverage, rounded down.
pub(crate) fn doses_for(per_100: f64, population: u64) -> u64 {
    #[allow(clippy::cast_precision_loss, reason = "populations are far below 2^52")]
    whole(per_100 * population as f64 / 100.0)
}

/// A non-negative number of doses, rounded down (0 for anything not a positive number).
pub(crate) fn whole(doses: f64) -> u64 {
    if doses.is_finite() && doses > 0.0 {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "positive and finite; `as` saturates at the top"
        )]
        let whole = doses.floor() as u64;
        whole
    } else {
        0
    }
}

/// floor(doses × fraction), for a cumulative share from 0 to 1.
fn fraction_of(doses: u64, fraction: f64) -> u64 {
    if fraction >= 1.0 {
        return doses;
    }
    #[allow(
        clippy::cast_precision_loss,
        reason = "a day's production is far below 2^52"
    )]
    whole(doses as f64 * fraction)
}

/// floor(total × part / whole) in exact integers.
fn split_floor(total: u64, part: u64, whole: u64) -> u64 {
    u64::try_from(u128::from(total) * u128::from(part) / u128::from(whole.max(1))).unwrap_or(total)
}
