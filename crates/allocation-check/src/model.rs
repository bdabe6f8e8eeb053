//! The three documents as read, and the round as the checker computes with it: caps,
//! absorption limits, eligibility and weights as exact integers, and the witnesses' bounds
//! by sorting and prefix sums.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Deserialize;

use crate::number::{Fraction, date, day, decimal_of, thousands};

/// A string of the documents (an id, a date, a product), borrowed from the JSON text unless
/// it has escapes: a round names its recipients once per earmark, a million times on the
/// 5,000 × 20,000 benchmark round, and copying each into a `String` was a fifth of the check.
#[derive(Deserialize)]
pub struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The round as the engine reads it: a name the spec does not define is refused, as the
/// engine refuses it, so that a misspelt field is never checked as an absent one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round<'a> {
    #[serde(borrow)]
    date: Text<'a>,
    target_per_100: Option<f64>,
    #[serde(borrow)]
    recipients: Vec<RecipientIn<'a>>,
    #[serde(borrow)]
    lots: Vec<LotIn<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecipientIn<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    population: u64,
    doses_received: Option<u64>,
    weight: Option<f64>,
    target_per_100: Option<f64>,
    max_doses: Option<u64>,
    absorption_per_day: Option<f64>,
    #[serde(borrow)]
    start: Option<Text<'a>>,
    min_shelf_days: Option<i64>,
    #[serde(borrow)]
    products: Option<Vec<Text<'a>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LotIn<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    product: Text<'a>,
    doses: u64,
    #[serde(borrow)]
    expiry: Text<'a>,
    #[serde(borrow)]
    recipients: Option<Vec<Text<'a>>>,
}

#[derive(Deserialize)]
pub struct Answer<'a> {
    #[serde(borrow)]
    pub recipients: Vec<AnswerRecipient<'a>>,
    #[serde(borrow)]
    pub shipments: Vec<Shipment<'a>>,
    #[serde(borrow)]
    pub unallocated: Vec<Unallocated<'a>>,
    pub total_doses: u64,
}

#[derive(Deserialize)]
pub struct AnswerRecipient<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    pub doses: u64,
}

#[derive(Deserialize)]
pub struct Shipment<'a> {
    #[serde(borrow)]
    pub lot: Text<'a>,
    #[serde(borrow)]
    pub recipient: Text<'a>,
    pub doses: u64,
}

#[derive(Deserialize)]
pub struct Unallocated<'a> {
    #[serde(borrow)]
    pub lot: Text<'a>,
    pub doses: u64,
}

#[derive(Deserialize)]
pub struct Certificate<'a> {
    pub total_doses: u64,
    pub levels: Vec<Level>,
    #[serde(borrow)]
    pub recipients: Vec<RecipientLevel<'a>>,
    #[serde(borrow)]
    pub lots: Vec<LotWitness<'a>>,
}

#[derive(Deserialize)]
pub struct Level {
    pub coverage_per_100: f64,
    pub doses: u64,
}

#[derive(Deserialize)]
pub struct RecipientLevel<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    pub level: Option<usize>,
}

#[derive(Deserialize)]
pub struct LotWitness<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    pub outside_from: Option<usize>,
}

/// More than any number of doses: "no limit".
pub const UNLIMITED: u128 = u128::MAX >> 8;

pub struct Recipient {
    pub id: String,
    received: u128,
    /// W_j = weight_numerator / weight_denominator = w_j N_j.
    weight_numerator: u128,
    weight_denominator: u128,
    pub cap: Option<u128>,
    /// Absorption per day as m / 10^p.
    rate: Option<(u128, u128)>,
    start: i64,
    /// First expiry day it accepts: the round's date, its start plus its minimum shelf life.
    threshold: i64,
    /// Product numbers it accepts; `None`: all.
    products: Option<Vec<usize>>,
}

pub struct Lot {
    pub id: String,
    product: usize,
    pub doses: u64,
    pub expiry: i64,
    earmark: Option<Vec<usize>>,
}

/// Positions of the round's ids. Hashed with FNV-1a rather than SipHash: the ids are short
/// and the big round looks up a million of them (its earmarks), which SipHash made a fifth
/// of the check. Crafted colliding ids could only slow the check down, never change it.
pub type Index = HashMap<String, usize, BuildHasherDefault<Fnv>>;

/// The 64-bit FNV-1a hash.
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
        }
    }
}

pub struct Model {
    pub recipients: Vec<Recipient>,
    pub lots: Vec<Lot>,
    pub recipient_index: Index,
    pub lot_index: Index,
    products: usize,
    /// Earmarked lots naming each recipient that it may take (product, expiry).
    earmarked: Vec<Vec<usize>>,
}

impl Recipient {
    /// l_j(t): doses it can administer from its start up to day t.
    pub fn absorbable(&self, t: i64) -> u128 {
        let Ok(days) = u128::try_from(t - self.start + 1) else {
            return 0;
        };
        match self.rate {
            None => UNLIMITED,
            Some((mantissa, power)) => (mantissa.saturating_mul(days) / power).min(UNLIMITED),
        }
    }

    /// min(cap, l(t)): what it can take with unlimited doses of a lot expiring on day t.
    fn takes(&self, t: Option<i64>) -> u128 {
        t.map_or(0, |t| self.absorbable(t).min(self.cap.unwrap_or(UNLIMITED)))
    }

    /// Coverage per 100 per weight holding `doses` doses, as an exact fraction.
    pub fn coverage(&self, doses: u128) -> Fraction {
        Fraction {
            numerator: (self.received + doses)
                .saturating_mul(self.weight_denominator)
                .saturating_mul(100),
            denominator: self.weight_numerator,
        }
    }
}

/// `path` names the field in the sentence, written only if there is one.
fn read_decimal(x: f64, path: impl FnOnce() -> String) -> Result<(u128, u128), String> {
    match decimal_of(x) {
        Some((mantissa, places)) if places <= 24 => Ok((mantissa, 10u128.pow(places))),
        _ => Err(format!(
            "the round: {} is {x}, not a non-negative decimal of at most 24 digits this checker can read exactly",
            path()
        )),
    }
}

impl Model {
    /// The round as exact integers; a sentence if it cannot be read as a valid round.
    pub fn new(round: &Round) -> Result<Model, String> {
        let round_day = day(&round.date)
            .ok_or_else(|| format!("the round: date is not a date: {:?}", round.date))?;
        let mut recipient_index = Index::default();
        for (j, r) in round.recipients.iter().enumerate() {
            if recipient_index.insert(String::from(&*r.id), j).is_some() {
                return Err(format!("the round: recipients[{j}].id repeats {:?}", r.id));
            }
        }
        let mut product_index: HashMap<&str, usize> = HashMap::new();
        for lot in &round.lots {
            let next = product_index.len();
            product_index.entry(&lot.product).or_insert(next);
        }
        let mut recipients = Vec::with_capacity(round.recipients.len());
        for (j, r) in round.recipients.iter().enumerate() {
            let path = |field: &str| format!("recipients[{j}].{field}");
            if r.population == 0 {
                return Err(format!(
                    "the round: {} must be greater than 0",
                    path("population")
                ));
            }
            let population = u128::from(r.population);
            let received = u128::from(r.doses_received.unwrap_or(0));
            let weight = r.weight.unwrap_or(1.0);
            let (w, places) = read_decimal(weight, || path("weight"))?;
            if w == 0 {
                return Err(format!(
                    "the round: {} must be greater than 0",
                    path("weight")
                ));
            }
            let by_target = match r.target_per_100.or(round.target_per_100) {
                Some(target) => {
                    let (t, power) = read_decimal(target, || path("target_per_100"))?;
                    let covered = t.saturating_mul(population) / power.saturating_mul(100);
                    Some(covered.saturating_sub(received))
                }
                None => None,
            };
            let by_request = r.max_doses.map(u128::from);
            let cap = match (by_target, by_request) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let rate = match r.absorption_per_day {
                Some(rate) => {
                    let read = read_decimal(rate, || path("absorption_per_day"))?;
                    if read.0 == 0 {
                        return Err(format!(
                            "the round: {} must be greater than 0",
                            path("absorption_per_day")
                        ));
                    }
                    Some(read)
                }
                None => None,
            };
            let start = match &r.start {
                Some(text) => day(text).ok_or_else(|| {
                    format!("the round: {} is not a date: {text:?}", path("start"))
                })?,
                None => round_day,
            };
            let shelf = r.min_shelf_days.unwrap_or(0);
            if shelf < 0 {
                return Err(format!(
                    "the round: {} must not be negative",
                    path("min_shelf_days")
                ));
            }
            recipients.push(Recipient {
                id: String::from(&*r.id),
                received,
                weight_numerator: w.checked_mul(population).ok_or_else(|| {
                    format!(
                        "the round: {} times the population is too large to check exactly",
                        path("weight")
                    )
                })?,
                weight_denominator: places,
                cap,
                rate,
                start,
                threshold: round_day.max(start + shelf),
                products: r.products.as_ref().map(|names| {
                    names
                        .iter()
                        .filter_map(|name| product_index.get(&**name).copied())
                        .collect()
                }),
            });
        }
        let mut lot_index = Index::default();
        let mut lots = Vec::with_capacity(round.lots.len());
        let mut earmarked = vec![Vec::new(); recipients.len()];
        for (i, lot) in round.lots.iter().enumerate() {
            if lot_index.insert(String::from(&*lot.id), i).is_some() {
                return Err(format!("the round: lots[{i}].id repeats {:?}", lot.id));
            }
            let expiry = day(&lot.expiry).ok_or_else(|| {
                format!(
                    "the round: lots[{i}].expiry is not a date: {:?}",
                    lot.expiry
                )
            })?;
            let product = product_index[&*lot.product];
            let earmark = match &lot.recipients {
                Some(ids) => {
                    let mut earmark = Vec::with_capacity(ids.len());
                    for (k, id) in ids.iter().enumerate() {
                        let &j = recipient_index.get(&**id).ok_or_else(|| {
                            format!(
                                "the round: lots[{i}].recipients[{k}] names no recipient: {id:?}"
                            )
                        })?;
                        earmark.push(j);
                    }
                    earmark.sort_unstable();
                    earmark.dedup();
                    // The bounds read each recipient's earmarked lots three times: keep
                    // only those it may take (product, expiry), once.
                    for &j in &earmark {
                        let r = &recipients[j];
                        if expiry >= r.threshold
                            && r.products.as_ref().is_none_or(|p| p.contains(&product))
                        {
                            earmarked[j].push(i);
                        }
                    }
                    Some(earmark)
                }
                None => None,
            };
            lots.push(Lot {
                id: String::from(&*lot.id),
                product,
                doses: lot.doses,
                expiry,
                earmark,
            });
        }
        Ok(Model {
            recipients,
            lots,
            recipient_index,
            lot_index,
            products: product_index.len(),
            earmarked,
        })
    }

    fn accepts_product(&self, j: usize, product: usize) -> bool {
        self.recipients[j]
            .products
            .as_ref()
            .is_none_or(|products| products.contains(&product))
    }

    /// Whether lot i may go to recipient j: its earmark, its product, its expiry.
    fn eligible(&self, i: usize, j: usize) -> bool {
        let (lot, r) = (&self.lots[i], &self.recipients[j]);
        lot.earmark
            .as_ref()
            .is_none_or(|earmark| earmark.binary_search(&j).is_ok())
            && self.accepts_product(j, lot.product)
            && lot.expiry >= r.threshold
    }

    /// Why lot i may not go to recipient j, if it may not.
    pub fn ineligible(&self, i: usize, j: usize) -> Option<String> {
        if self.eligible(i, j) {
            return None;
        }
        let (lot, r) = (&self.lots[i], &self.recipients[j]);
        if lot
            .earmark
            .as_ref()
            .is_some_and(|earmark| earmark.binary_search(&j).is_err())
        {
            return Some(format!("lot {} is earmarked for other recipients", lot.id));
        }
        if !self.accepts_product(j, lot.product) {
            return Some(format!("the lot's product is not authorised in {}", r.id));
        }
        if lot.expiry < r.threshold {
            return Some(format!(
                "the lot expires on {}, but {} accepts only lots expiring on {} or later (its start, its minimum shelf life and the round's date)",
                date(lot.expiry),
                r.id,
                date(r.threshold)
            ));
        }
        None
    }
}

/// Unearmarked lots of one product (or of all products), for the bounds.
struct Pool {
    /// (expiry, doses, outside_from) by expiry.
    lots: Vec<(i64, u128, usize)>,
    /// Prefix sums of doses: all lots, and those inside every witness.
    all: Vec<u128>,
    top: Vec<u128>,
    /// Latest expiry among the lots inside every witness.
    top_latest: Option<i64>,
    /// The staircase t(k) = latest expiry with outside_from > k: (outside_from, expiry),
    /// outside_from decreasing, expiry increasing.
    stairs: Vec<(usize, i64)>,
}

impl Pool {
    fn new(mut lots: Vec<(i64, u128, usize)>, levels: usize) -> Pool {
        lots.sort_unstable();
        let mut all = vec![0];
        let mut top = vec![0];
        for &(_, doses, o) in &lots {
            all.push(all[all.len() - 1] + doses);
            top.push(top[top.len() - 1] + if o == levels { doses } else { 0 });
        }
        let top_latest = lots.iter().rev().find(|l| l.2 == levels).map(|l| l.0);
        let mut by_level: Vec<(usize, i64)> = lots.iter().map(|&(e, _, o)| (o, e)).collect();
        by_level.sort_unstable_by(|a, b| b.cmp(a));
        let mut stairs: Vec<(usize, i64)> = Vec::new();
        for (o, e) in by_level {
            if stairs.last().is_none_or(|&(_, best)| e > best) {
                stairs.push((o, e));
            }
        }
        Pool {
            lots,
            all,
            top,
            top_latest,
            stairs,
        }
    }

    /// First lot expiring on `threshold` or later.
    fn from(&self, threshold: i64) -> usize {
        self.lots.partition_point(|l| l.0 < threshold)
    }
}

pub struct Witnesses<'a> {
    model: &'a Model,
    outside: &'a [usize],
    levels: usize,
    /// One pool per product, and one of all products last.
    pools: Vec<Pool>,
}

impl<'a> Witnesses<'a> {
    pub fn new(model: &'a Model, outside: &'a [usize], levels: usize) -> Witnesses<'a> {
        let mut by_product: Vec<Vec<(i64, u128, usize)>> = vec![Vec::new(); model.products + 1];
        for (i, lot) in model.lots.iter().enumerate() {
            if lot.earmark.is_none() {
                let entry = (lot.expiry, u128::from(lot.doses), outside[i]);
                by_product[lot.product].push(entry);
                by_product[model.products].push(entry);
            }
        }
        let pools = by_product
            .into_iter()
            .map(|lots| Pool::new(lots, levels))
            .collect();
        Witnesses {
            model,
            outside,
            levels,
            pools,
        }
    }

    /// The pools of unearmarked lots recipient j may take from.
    fn pools_of(&self, j: usize) -> Vec<&Pool> {
        match &self.model.recipients[j].products {
            None => vec![&self.pools[self.model.products]],
            Some(products) => products.iter().map(|&p| &self.pools[p]).collect(),
        }
    }

    /// Earmarked lots eligible for j.
    fn earmarked(&self, j: usize) -> impl Iterator<Item = usize> + '_ {
        self.model.earmarked[j].iter().copied()
    }

    /// (latest expiry, doses) of j's eligible lots: all of them, or those inside every witness.
    fn eligible(&self, j: usize, top_only: bool) -> (Option<i64>, u128) {
        let threshold = self.model.recipients[j].threshold;
        let mut latest: Option<i64> = None;
        let mut doses = 0u128;
        for pool in self.pools_of(j) {
            let first = pool.from(threshold);
            let sums = if top_only { &pool.top } else { &pool.all };
            doses += sums[sums.len() - 1] - sums[first];
            let last = if top_only {
                pool.top_latest
            } else {
                pool.lots.last().map(|l| l.0)
            };
            if let Some(e) = last.filter(|&e| e >= threshold) {
                latest = latest.max(Some(e));
            }
        }
        for i in self.earmarked(j) {
            if !top_only || self.outside[i] == self.levels {
                doses += u128::from(self.model.lots[i].doses);
                latest = latest.max(Some(self.model.lots[i].expiry));
            }
        }
        (latest, doses)
    }

    /// g_j(all lots) = min(cap, l(latest eligible expiry), all eligible doses).
    pub fn own_bound(&self, j: usize) -> u128 {
        let (latest, doses) = self.eligible(j, false);
        self.model.recipients[j].takes(latest).min(doses)
    }

    /// Which of the three terms makes the own bound, for a sentence.
    pub fn own_bound_reason(&self, j: usize) -> String {
        let r = &self.model.recipients[j];
        let (latest, doses) = self.eligible(j, false);
        match latest {
            None => "it has no eligible lot".into(),
            Some(_) if r.cap.is_some_and(|cap| cap <= doses.min(r.takes(latest))) => {
                format!("its cap of {}", thousands(r.cap.unwrap_or(0)))
            }
            Some(t) if r.absorbable(t) <= doses => {
                format!(
                    "what it can administer by {}, the expiry of its latest eligible lot",
                    date(t)
                )
            }
            Some(_) => "all its eligible doses".into(),
        }
    }

    /// g_j(L_top), with the supply term.
    pub fn top_bound(&self, j: usize) -> u128 {
        let (latest, doses) = self.eligible(j, true);
        self.model.recipients[j].takes(latest).min(doses)
    }

    /// For each level k, the sum over the recipients at or below it of
    /// g'_j(L_k) = min(cap_j, l_j(latest expiry of j's eligible lots in L_k)), by one
    /// staircase per recipient over the levels from its own up, added into a difference
    /// array.
    pub fn level_bounds(&self, level: &[Option<usize>]) -> Vec<u128> {
        let mut difference = vec![0i128; self.levels + 1];
        let mut points: Vec<(usize, i64)> = Vec::new();
        for (j, r) in self.model.recipients.iter().enumerate() {
            let Some(own) = level[j] else { continue };
            points.clear();
            for pool in self.pools_of(j) {
                points.extend(
                    pool.stairs
                        .iter()
                        .take_while(|&&(o, _)| o > own)
                        .filter(|&&(_, e)| e >= r.threshold),
                );
            }
            for i in self.earmarked(j) {
                if self.outside[i] > own {
                    points.push((self.outside[i], self.model.lots[i].expiry));
                }
            }
            points.sort_unstable_by(|a, b| b.cmp(a));
            // Walk k down from the top level: a lot with outside_from o is inside L_k for
            // k < o, so t(k) only grows as k falls; each stretch of k with one t adds
            // min(cap, l(t)) to those levels.
            let mut latest: Option<i64> = None;
            let mut end = self.levels;
            let mut add = |from: usize, to: usize, latest: Option<i64>| {
                if from < to {
                    let value = i128::try_from(r.takes(latest)).unwrap_or(i128::MAX >> 8);
                    difference[from] += value;
                    difference[to] -= value;
                }
            };
            let mut k = 0;
            while k < points.len() {
                let o = points[k].0;
                add(o.max(own), end, latest);
                end = o;
                while k < points.len() && points[k].0 == o {
                    latest = latest.max(Some(points[k].1));
                    k += 1;
                }
            }
            add(own, end, latest);
        }
        let mut sums = Vec::with_capacity(self.levels);
        let mut running = 0i128;
        for &change in &difference[..self.levels] {
            running += change;
            sums.push(u128::try_from(running).unwrap_or(0));
        }
        sums
    }
}
