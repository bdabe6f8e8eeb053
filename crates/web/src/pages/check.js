// The round page's checker: `check(round, answer, certificate)` verifies a published
// allocation against its certificate exactly as `crates/allocation-check` does (the same five
// steps of crates/allocation/CERTIFICATE.md, the same sentences, whole numbers as BigInt),
// and the page part at the end runs it on the round's three files and says the verdict.
//
// Written by hand, without a framework or a build step, to be read beside the Rust checker:
// each section and the main functions name the Rust they follow. It shares nothing with the
// engine. Under node, `require` gives `{ check }` (crates/web/tests/checker_parity.rs
// compares it with the Rust checker); in a browser it looks for the element `#round-check`.
//
// Where it differs: JSON.parse reads every number as a double, so a whole number past 2^53
// is refused with a sentence sending the reader to `equidose check`; and it reads a
// 17-digit decimal exactly, where serde_json (built without `float_roundtrip`) may read it
// one unit in the last place off, which shows only in a sentence printing a level's value.

'use strict';

(function () {
  // ---------------------------------------------------------------------------------------
  // Numbers (number.rs): u128 arithmetic as Rust writes it, decimals, days, text.

  const U128_MAX = (1n << 128n) - 1n;
  /** More than any number of doses: "no limit" (model.rs UNLIMITED). */
  const UNLIMITED = U128_MAX >> 8n;
  const FAILURES_MAX = 100;

  const smaller = (a, b) => (a < b ? a : b);
  const saturatingAdd = (a, b) => smaller(a + b, U128_MAX);
  const saturatingMul = (a, b) => smaller(a * b, U128_MAX);
  const saturatingSub = (a, b) => (a > b ? a - b : 0n);

  /** An f64 as Rust's `{}` writes it: the shortest decimal that reads back, no exponent. */
  function plain(x) {
    if (Object.is(x, -0)) return '-0';
    const text = String(x);
    const parts = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
    if (!parts) return text;
    const [, sign, whole, fraction = '', exponent] = parts;
    const digits = whole + fraction;
    const point = whole.length + Number(exponent);
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }

  /** decimal_of: `[m, p]` with x = m / 10^p as the JSON wrote it, at most 24 digits. */
  function decimalOf(x) {
    if (!(Number.isFinite(x) && x >= 0)) return null;
    if (Number.isInteger(x) && x < 9007199254740992) return [BigInt(x), 0];
    const [whole, fraction = ''] = plain(x).split('.');
    const digits = whole + fraction;
    if (digits.length > 24) return null;
    return [BigInt(digits), fraction.length];
  }

  /** An f64's exact value as [sign, m, e] with |x| = m * 2^e. */
  function exact(x) {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    const negative = bits >> 63n === 1n;
    const biased = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & ((1n << 52n) - 1n);
    return biased === 0
      ? [negative, fraction, -1074]
      : [negative, fraction | (1n << 52n), biased - 1075];
  }

  /** decimal: Rust's `{:.4}` (exact, ties to even), without trailing zeros. */
  function decimal(value) {
    if (!Number.isFinite(value)) return value > 0 ? 'infinity' : 'minus infinity';
    const [negative, mantissa, power] = exact(value);
    let scaled;
    if (power >= 0) {
      scaled = mantissa * 10000n * (1n << BigInt(power));
    } else {
      const numerator = mantissa * 10000n;
      const denominator = 1n << BigInt(-power);
      scaled = numerator / denominator;
      const twice = 2n * (numerator % denominator);
      if (twice > denominator || (twice === denominator && scaled % 2n === 1n)) scaled += 1n;
    }
    const digits = scaled.toString().padStart(5, '0');
    let text = `${digits.slice(0, -4)}.${digits.slice(-4)}`;
    text = text.replace(/0+$/, '').replace(/\.$/, '');
    return (negative ? '-' : '') + text;
  }

  /** thousands: 12,000. */
  function thousands(value) {
    return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  /** A string as Rust's `{:?}` writes it. */
  function debug(text) {
    let out = '"';
    for (const character of text) {
      const code = character.codePointAt(0);
      if (character === '"' || character === '\\') out += `\\${character}`;
      else if (character === '\n') out += '\\n';
      else if (character === '\r') out += '\\r';
      else if (character === '\t') out += '\\t';
      else if (character === '\0') out += '\\0';
      else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
      else out += character;
    }
    return `${out}"`;
  }

  /** Rust's `i64::from_str` on a short field. */
  function integer(text) {
    return /^[+-]?\d+$/.test(text) ? Number(text) : null;
  }

  /** day: the day number of an ISO date (days since 1970-01-01), or null. */
  function day(text) {
    // Rust counts bytes: any non-ASCII character makes a part unreadable as a number.
    if (text.length !== 10 || !/^[\x00-\x7f]*$/.test(text)) return null;
    if (text[4] !== '-' || text[7] !== '-') return null;
    const year = integer(text.slice(0, 4));
    const month = integer(text.slice(5, 7));
    const date = integer(text.slice(8, 10));
    if (year === null || month === null || date === null) return null;
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (month < 1 || month > 12 || date < 1 || date > lengths[month - 1]) return null;
    // Howard Hinnant's days_from_civil.
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  /** date: the ISO date of a day number. */
  function date(days) {
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor(
      (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
    );
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    const year = y < 0 ? `-${String(-y).padStart(3, '0')}` : String(y).padStart(4, '0');
    return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }

  /** Fraction: numerator / denominator, compared exactly. */
  const compare = (a, b) => {
    const left = a.numerator * b.denominator;
    const right = b.numerator * a.denominator;
    return left < right ? -1 : left > right ? 1 : 0;
  };
  const asNumber = (fraction) => Number(fraction.numerator) / Number(fraction.denominator);
  const per100 = (fraction) => `${decimal(asNumber(fraction))} per 100`;

  // ---------------------------------------------------------------------------------------
  // Reading the documents (model.rs's serde structs): the fields the checker uses, with
  // their types; anything else is ignored, as serde does.

  /** A document that is not what its reader expects: the reason. */
  class Unreadable extends Error {}

  /** A round that cannot be read as a valid round: the sentence. */
  class Invalid extends Error {}

  function parse(text) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Unreadable(error.message);
    }
  }

  // `path` is the field's path for the sentence (`lots[3].expiry`), or null: documents are
  // read first without paths, which a round naming its recipients a million times in its
  // earmarks would spend most of its reading on, and read again with them only to say
  // what is wrong.

  const join = (path, key) => (path === null ? null : path ? `${path}.${key}` : key);

  function object(value, path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Unreadable(`${path || 'the document'} is not an object`);
    }
    return value;
  }

  function field(value, name, path, kind, optional) {
    const found = value[name];
    if (found === undefined || found === null) {
      if (optional) return null;
      throw new Unreadable(`missing field \`${name}\`${path ? ` in ${path}` : ''}`);
    }
    return kind(found, join(path, name));
  }

  function text(value, path) {
    if (typeof value !== 'string') throw new Unreadable(`${path} is not a string`);
    return value;
  }

  function float(value, path) {
    if (typeof value !== 'number') throw new Unreadable(`${path} is not a number`);
    return value;
  }

  function whole(value, path, signed) {
    if (typeof value !== 'number' || !Number.isInteger(value) || (!signed && value < 0)) {
      throw new Unreadable(
        `${path} is ${JSON.stringify(value)}, not a whole number${signed ? '' : ' of 0 or more'}`,
      );
    }
    // JSON.parse reads every number as an f64: past 2^53 it may already have lost a unit.
    if (!Number.isSafeInteger(value)) {
      throw new Unreadable(
        `${path} is ${plain(value)}, larger than this page can read exactly (2^53); check it with equidose check`,
      );
    }
    return value;
  }

  const u64 = (value, path) => BigInt(whole(value, path, false));
  const i64 = (value, path) => whole(value, path, true);
  const index = (value, path) => whole(value, path, false);

  function list(kind) {
    return (value, path) => {
      if (!Array.isArray(value)) throw new Unreadable(`${path} is not an array`);
      const out = new Array(value.length);
      for (let k = 0; k < value.length; k += 1) {
        out[k] = kind(value[k], path === null ? null : `${path}[${k}]`);
      }
      return out;
    };
  }

  /** A record of `fields`; `strict`: a name it does not define is refused, as the engine and
   * allocation-check refuse it in a round, so that a misspelt field is never read as absent. */
  function record(fields, strict) {
    return (value, path) => {
      object(value, path);
      if (strict) {
        const names = fields.map(([name]) => name);
        for (const name of Object.keys(value)) {
          if (!names.includes(name)) {
            const expected = names.map((known) => `\`${known}\``).join(', ');
            throw new Unreadable(
              `unknown field \`${name}\`${path ? ` in ${path}` : ''}, expected one of ${expected}`,
            );
          }
        }
      }
      const out = {};
      for (const [name, kind, optional] of fields) {
        out[name] = field(value, name, path, kind, optional);
      }
      return out;
    };
  }

  /** A document read by `reader`, or the reason it cannot be, with the field's path. */
  function readWith(reader, text) {
    const json = parse(text);
    try {
      return reader(json, null);
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      return reader(json, '');
    }
  }

  const OPTIONAL = true;
  const STRICT = true;

  const readRound = record([
    ['date', text],
    ['target_per_100', float, OPTIONAL],
    [
      'recipients',
      list(
        record([
          ['id', text],
          ['population', u64],
          ['doses_received', u64, OPTIONAL],
          ['weight', float, OPTIONAL],
          ['target_per_100', float, OPTIONAL],
          ['max_doses', u64, OPTIONAL],
          ['absorption_per_day', float, OPTIONAL],
          ['start', text, OPTIONAL],
          ['min_shelf_days', i64, OPTIONAL],
          ['products', list(text), OPTIONAL],
        ], STRICT),
      ),
    ],
    [
      'lots',
      list(
        record([
          ['id', text],
          ['product', text],
          ['doses', u64],
          ['expiry', text],
          ['recipients', list(text), OPTIONAL],
        ], STRICT),
      ),
    ],
  ], STRICT);

  const readAnswer = record([
    ['recipients', list(record([['id', text], ['doses', u64]]))],
    [
      'shipments',
      list(
        record([
          ['lot', text],
          ['recipient', text],
          ['doses', u64],
        ]),
      ),
    ],
    ['unallocated', list(record([['lot', text], ['doses', u64]]))],
    ['total_doses', u64],
  ]);

  const readCertificate = record([
    ['total_doses', u64],
    ['levels', list(record([['coverage_per_100', float], ['doses', u64]]))],
    ['recipients', list(record([['id', text], ['level', index, OPTIONAL]]))],
    ['lots', list(record([['id', text], ['outside_from', index, OPTIONAL]]))],
  ]);

  // ---------------------------------------------------------------------------------------
  // The round as exact integers (model.rs Model::new).

  /** read_decimal: [m, 10^p], or the sentence why not. */
  function readDecimal(x, path) {
    const found = decimalOf(x);
    if (found && found[1] <= 24) return [found[0], 10n ** BigInt(found[1])];
    throw new Invalid(
      `the round: ${path} is ${plain(x)}, not a non-negative decimal of at most 24 digits this checker can read exactly`,
    );
  }

  /** Recipient::absorbable: l_j(t), doses it can administer from its start up to day t. */
  function absorbable(recipient, t) {
    const days = t - recipient.start + 1;
    if (days < 0) return 0n;
    if (recipient.rate === null) return UNLIMITED;
    const [mantissa, power] = recipient.rate;
    return smaller(saturatingMul(mantissa, BigInt(days)) / power, UNLIMITED);
  }

  /** Recipient::takes: min(cap, l(t)) with unlimited doses of a lot expiring on day t. */
  function takes(recipient, t) {
    if (t === null) return 0n;
    return smaller(absorbable(recipient, t), recipient.cap === null ? UNLIMITED : recipient.cap);
  }

  /** Recipient::coverage: per 100 per weight holding `doses`, as a fraction. */
  function coverage(recipient, doses) {
    return {
      numerator: saturatingMul(
        saturatingMul(recipient.received + doses, recipient.weightDenominator),
        100n,
      ),
      denominator: recipient.weightNumerator,
    };
  }

  function buildModel(round) {
    const roundDay = day(round.date);
    if (roundDay === null) throw new Invalid(`the round: date is not a date: ${debug(round.date)}`);
    const recipientIndex = new Map();
    round.recipients.forEach((r, j) => {
      if (recipientIndex.has(r.id)) {
        throw new Invalid(`the round: recipients[${j}].id repeats ${debug(r.id)}`);
      }
      recipientIndex.set(r.id, j);
    });
    const productIndex = new Map();
    for (const lot of round.lots) {
      if (!productIndex.has(lot.product)) productIndex.set(lot.product, productIndex.size);
    }
    const recipients = round.recipients.map((r, j) => {
      const path = (name) => `recipients[${j}].${name}`;
      if (r.population === 0n) {
        throw new Invalid(`the round: ${path('population')} must be greater than 0`);
      }
      const received = r.doses_received === null ? 0n : r.doses_received;
      const [w, places] = readDecimal(r.weight === null ? 1 : r.weight, path('weight'));
      if (w === 0n) throw new Invalid(`the round: ${path('weight')} must be greater than 0`);
      const target = r.target_per_100 !== null ? r.target_per_100 : round.target_per_100;
      let byTarget = null;
      if (target !== null) {
        const [t, power] = readDecimal(target, path('target_per_100'));
        const covered = saturatingMul(t, r.population) / saturatingMul(power, 100n);
        byTarget = saturatingSub(covered, received);
      }
      const byRequest = r.max_doses;
      const cap =
        byTarget !== null && byRequest !== null
          ? smaller(byTarget, byRequest)
          : byTarget !== null
            ? byTarget
            : byRequest;
      let rate = null;
      if (r.absorption_per_day !== null) {
        rate = readDecimal(r.absorption_per_day, path('absorption_per_day'));
        if (rate[0] === 0n) {
          throw new Invalid(`the round: ${path('absorption_per_day')} must be greater than 0`);
        }
      }
      let start = roundDay;
      if (r.start !== null) {
        start = day(r.start);
        if (start === null) {
          throw new Invalid(`the round: ${path('start')} is not a date: ${debug(r.start)}`);
        }
      }
      const shelf = r.min_shelf_days === null ? 0 : r.min_shelf_days;
      if (shelf < 0) throw new Invalid(`the round: ${path('min_shelf_days')} must not be negative`);
      const weightNumerator = w * r.population;
      if (weightNumerator > U128_MAX) {
        throw new Invalid(
          `the round: ${path('weight')} times the population is too large to check exactly`,
        );
      }
      return {
        id: r.id,
        received,
        weightNumerator,
        weightDenominator: places,
        cap,
        rate,
        start,
        threshold: Math.max(roundDay, start + shelf),
        products:
          r.products === null
            ? null
            : r.products
                .filter((name) => productIndex.has(name))
                .map((name) => productIndex.get(name)),
      };
    });
    const lotIndex = new Map();
    const earmarked = recipients.map(() => []);
    const lots = round.lots.map((lot, i) => {
      if (lotIndex.has(lot.id)) throw new Invalid(`the round: lots[${i}].id repeats ${debug(lot.id)}`);
      lotIndex.set(lot.id, i);
      const expiry = day(lot.expiry);
      if (expiry === null) {
        throw new Invalid(`the round: lots[${i}].expiry is not a date: ${debug(lot.expiry)}`);
      }
      const product = productIndex.get(lot.product);
      let earmark = null;
      if (lot.recipients !== null) {
        const named = lot.recipients.map((id, k) => {
          if (!recipientIndex.has(id)) {
            throw new Invalid(`the round: lots[${i}].recipients[${k}] names no recipient: ${debug(id)}`);
          }
          return recipientIndex.get(id);
        });
        earmark = [...new Set(named)].sort((a, b) => a - b);
        // The bounds read each recipient's earmarked lots three times: keep only those it
        // may take (product, expiry), once.
        for (const j of earmark) {
          const r = recipients[j];
          if (expiry >= r.threshold && (r.products === null || r.products.includes(product))) {
            earmarked[j].push(i);
          }
        }
      }
      const id = lot.id;
      return { id, product, doses: lot.doses, expiry, earmark: earmark && new Set(earmark) };
    });
    return { recipients, lots, recipientIndex, lotIndex, products: productIndex.size, earmarked };
  }

  function acceptsProduct(model, j, product) {
    const products = model.recipients[j].products;
    return products === null || products.includes(product);
  }

  /** Model::ineligible: why lot i may not go to recipient j, or null if it may. */
  function ineligible(model, i, j) {
    const lot = model.lots[i];
    const r = model.recipients[j];
    if (lot.earmark !== null && !lot.earmark.has(j)) {
      return `lot ${lot.id} is earmarked for other recipients`;
    }
    if (!acceptsProduct(model, j, lot.product)) {
      return `the lot's product is not authorised in ${r.id}`;
    }
    if (lot.expiry < r.threshold) {
      return `the lot expires on ${date(lot.expiry)}, but ${r.id} accepts only lots expiring on ${date(r.threshold)} or later (its start, its minimum shelf life and the round's date)`;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // The witnesses' bounds by sorting and prefix sums (model.rs Pool and Witnesses).

  const byTuple = (a, b) => {
    for (let k = 0; k < a.length; k += 1) {
      if (a[k] < b[k]) return -1;
      if (a[k] > b[k]) return 1;
    }
    return 0;
  };

  /** Pool::new: unearmarked lots [expiry, doses, outside_from] of one product, or of all. */
  function pool(lots, levels) {
    lots.sort(byTuple);
    const all = [0n];
    const top = [0n];
    for (const [, doses, o] of lots) {
      all.push(all[all.length - 1] + doses);
      top.push(top[top.length - 1] + (o === levels ? doses : 0n));
    }
    let topLatest = null;
    for (const [expiry, , o] of lots) if (o === levels) topLatest = expiry;
    // The staircase t(k): (outside_from, expiry), outside_from falling, expiry rising.
    const byLevel = lots.map(([e, , o]) => [o, e]).sort((a, b) => byTuple(b, a));
    const stairs = [];
    for (const [o, e] of byLevel) {
      if (stairs.length === 0 || e > stairs[stairs.length - 1][1]) stairs.push([o, e]);
    }
    return { lots, all, top, topLatest, stairs };
  }

  /** Pool::from: the first lot expiring on `threshold` or later. */
  function from(found, threshold) {
    let low = 0;
    let high = found.lots.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (found.lots[middle][0] < threshold) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  function witnesses(model, outside, levels) {
    const byProduct = Array.from({ length: model.products + 1 }, () => []);
    model.lots.forEach((lot, i) => {
      if (lot.earmark === null) {
        const entry = [lot.expiry, lot.doses, outside[i]];
        byProduct[lot.product].push(entry);
        byProduct[model.products].push(entry.slice());
      }
    });
    const pools = byProduct.map((lots) => pool(lots, levels));
    const poolsOf = (j) => {
      const products = model.recipients[j].products;
      return products === null ? [pools[model.products]] : products.map((p) => pools[p]);
    };

    /** (latest expiry, doses) of j's eligible lots: all, or those inside every witness. */
    function eligible(j, topOnly) {
      const threshold = model.recipients[j].threshold;
      let latest = null;
      let doses = 0n;
      for (const found of poolsOf(j)) {
        const first = from(found, threshold);
        const sums = topOnly ? found.top : found.all;
        doses += sums[sums.length - 1] - sums[first];
        const last = topOnly
          ? found.topLatest
          : found.lots.length > 0
            ? found.lots[found.lots.length - 1][0]
            : null;
        if (last !== null && last >= threshold) {
          latest = latest === null ? last : Math.max(latest, last);
        }
      }
      for (const i of model.earmarked[j]) {
        if (!topOnly || outside[i] === levels) {
          doses += model.lots[i].doses;
          const expiry = model.lots[i].expiry;
          latest = latest === null ? expiry : Math.max(latest, expiry);
        }
      }
      return [latest, doses];
    }

    /** g_j(all lots) = min(cap, l(latest eligible expiry), all eligible doses). */
    function ownBound(j) {
      const [latest, doses] = eligible(j, false);
      return smaller(takes(model.recipients[j], latest), doses);
    }

    function ownBoundReason(j) {
      const r = model.recipients[j];
      const [latest, doses] = eligible(j, false);
      if (latest === null) return 'it has no eligible lot';
      if (r.cap !== null && r.cap <= smaller(doses, takes(r, latest))) {
        return `its cap of ${thousands(r.cap)}`;
      }
      if (absorbable(r, latest) <= doses) {
        return `what it can administer by ${date(latest)}, the expiry of its latest eligible lot`;
      }
      return 'all its eligible doses';
    }

    /** g_j(L_top), with the supply term. */
    function topBound(j) {
      const [latest, doses] = eligible(j, true);
      return smaller(takes(model.recipients[j], latest), doses);
    }

    /** For each level k, the sum over T_k of g'_j(L_k), by staircases and a difference array. */
    function levelBounds(level) {
      const difference = new Array(levels + 1).fill(0n);
      model.recipients.forEach((r, j) => {
        const own = level[j];
        if (own === null) return;
        const points = [];
        for (const found of poolsOf(j)) {
          for (const [o, e] of found.stairs) {
            if (!(o > own)) break;
            if (e >= r.threshold) points.push([o, e]);
          }
        }
        for (const i of model.earmarked[j]) {
          if (outside[i] > own) points.push([outside[i], model.lots[i].expiry]);
        }
        points.sort((a, b) => byTuple(b, a));
        let latest = null;
        let end = levels;
        const add = (start, stop, t) => {
          if (start < stop) {
            const value = takes(r, t);
            difference[start] += value;
            difference[stop] -= value;
          }
        };
        let k = 0;
        while (k < points.length) {
          const o = points[k][0];
          add(Math.max(o, own), end, latest);
          end = o;
          while (k < points.length && points[k][0] === o) {
            latest = latest === null ? points[k][1] : Math.max(latest, points[k][1]);
            k += 1;
          }
        }
        add(own, end, latest);
      });
      const sums = [];
      let running = 0n;
      for (let k = 0; k < levels; k += 1) {
        running += difference[k];
        sums.push(running < 0n ? 0n : running);
      }
      return sums;
    }

    return { ownBound, ownBoundReason, topBound, levelBounds };
  }

  // ---------------------------------------------------------------------------------------
  // The five steps (lib.rs Checker).

  function levelsText(levels) {
    if (levels === 0) return 'the certificate has no levels';
    if (levels === 1) return "the certificate's only level is 0";
    return `the certificate's levels are 0 to ${levels - 1}`;
  }

  const levelName = (k, value) => `level ${k} (${decimal(value)} per 100)`;

  function checker(model, failures) {
    let omitted = 0;
    const fail = (sentence) => {
      if (failures.length < FAILURES_MAX) failures.push(sentence);
      else omitted += 1;
    };

    /** Step 1: the answer against the input; each recipient's doses, or null. */
    function feasible(answer) {
      const n = model.recipients.length;
      const named = answer.recipients;
      if (named.length !== n || named.some((a, j) => a.id !== model.recipients[j].id)) {
        fail(`answer: its recipients are not the round's ${n}, once each and in the round's order`);
        return null;
      }
      const received = new Array(n).fill(0n);
      const shipped = new Array(model.lots.length).fill(0n);
      const byRecipient = model.recipients.map(() => []);
      for (const s of answer.shipments) {
        const i = model.lotIndex.get(s.lot);
        const j = model.recipientIndex.get(s.recipient);
        if (i === undefined || j === undefined) {
          fail(`shipment of lot ${s.lot} to ${s.recipient}: no such lot or recipient in the round`);
          continue;
        }
        if (s.doses === 0n) fail(`shipment of lot ${s.lot} to ${s.recipient}: zero doses`);
        const why = ineligible(model, i, j);
        if (why !== null) fail(`shipment of lot ${s.lot} to ${s.recipient}: ${why}`);
        shipped[i] += s.doses;
        received[j] += s.doses;
        byRecipient[j].push([model.lots[i].expiry, s.doses]);
      }
      const left = new Map();
      for (const u of answer.unallocated) {
        left.set(u.lot, (left.get(u.lot) || 0n) + u.doses);
        if (!model.lotIndex.has(u.lot)) fail(`unallocated: no lot ${u.lot} in the round`);
      }
      model.lots.forEach((lot, i) => {
        const stated = left.get(lot.id) || 0n;
        if (shipped[i] > lot.doses) {
          fail(`lot ${lot.id}: ${thousands(shipped[i])} doses shipped, more than its ${thousands(lot.doses)}`);
        } else if (stated !== lot.doses - shipped[i]) {
          fail(
            `lot ${lot.id}: ${thousands(shipped[i])} of its ${thousands(lot.doses)} doses are shipped, so ${thousands(lot.doses - shipped[i])} are left, but the answer says ${thousands(stated)}`,
          );
        }
      });
      model.recipients.forEach((r, j) => {
        const stated = answer.recipients[j].doses;
        if (stated !== received[j]) {
          fail(`recipient ${r.id}: gets ${thousands(stated)} doses, but its shipments add up to ${thousands(received[j])}`);
        }
        if (r.cap !== null && received[j] > r.cap) {
          fail(`recipient ${r.id}: ${thousands(received[j])} doses exceed its cap of ${thousands(r.cap)}`);
        }
        const days = byRecipient[j].sort(byTuple);
        let cumulative = 0n;
        for (let k = 0; k < days.length; k += 1) {
          const [expiry, doses] = days[k];
          cumulative += doses;
          if (k + 1 < days.length && days[k + 1][0] === expiry) continue;
          const limit = absorbable(r, expiry);
          if (cumulative > limit) {
            fail(
              `recipient ${r.id}: ${thousands(cumulative)} doses expiring by ${date(expiry)} exceed what it can administer by then, ${thousands(limit)}`,
            );
            break;
          }
        }
      });
      const total = received.reduce((a, b) => a + b, 0n);
      if (answer.total_doses !== total) {
        fail(`answer: total_doses is ${thousands(answer.total_doses)}, but the recipients get ${thousands(total)}`);
      }
      return received;
    }

    /** Steps 2 to 5: maximal total, tight levels, own bounds, separated levels. */
    function optimal(x, certificate) {
      const levels = certificate.levels.length;
      const level = model.recipients.map(() => null);
      const named = model.recipients.map(() => false);
      for (const entry of certificate.recipients) {
        const j = model.recipientIndex.get(entry.id);
        if (j === undefined) {
          fail(`certificate: names no recipient ${entry.id} of the round`);
          continue;
        }
        if (named[j]) fail(`certificate: names recipient ${entry.id} twice`);
        named[j] = true;
        if (entry.level !== null && entry.level >= levels) {
          fail(`certificate: recipient ${entry.id} is at level ${entry.level}, but ${levelsText(levels)}`);
        } else {
          level[j] = entry.level;
        }
      }
      const unnamed = named.indexOf(false);
      if (unnamed >= 0) {
        fail(`certificate: recipient ${model.recipients[unnamed].id} is missing (every recipient must be named)`);
      }
      const outside = model.lots.map(() => levels);
      const lotNamed = model.lots.map(() => false);
      for (const entry of certificate.lots) {
        const i = model.lotIndex.get(entry.id);
        if (i === undefined) {
          fail(`certificate: names no lot ${entry.id} of the round`);
          continue;
        }
        if (lotNamed[i]) fail(`certificate: names lot ${entry.id} twice`);
        lotNamed[i] = true;
        if (entry.outside_from !== null && entry.outside_from >= levels) {
          fail(`certificate: lot ${entry.id} is outside from level ${entry.outside_from}, but ${levelsText(levels)}`);
        } else if (entry.outside_from !== null) {
          outside[i] = entry.outside_from;
        }
      }
      const lotUnnamed = lotNamed.indexOf(false);
      if (lotUnnamed >= 0) {
        fail(`certificate: lot ${model.lots[lotUnnamed].id} is missing (every lot must be named)`);
      }
      if (failures.some((sentence) => sentence.startsWith('certificate:'))) return;
      const bounds = witnesses(model, outside, levels);
      const total = x.reduce((a, b) => a + b, 0n);

      // 2. Maximal total: bound(all, L_top), with the supply term.
      if (certificate.total_doses !== total) {
        fail(`certificate: says ${thousands(certificate.total_doses)} doses are allocated, the answer allocates ${thousands(total)}`);
      }
      let outsideTop = 0n;
      model.lots.forEach((lot, i) => {
        if (outside[i] < levels) outsideTop += lot.doses;
      });
      let insideTop = 0n;
      for (let j = 0; j < model.recipients.length; j += 1) {
        insideTop = saturatingAdd(insideTop, bounds.topBound(j));
      }
      const bound = saturatingAdd(outsideTop, insideTop);
      if (bound >= UNLIMITED) {
        fail(
          "total: the certificate's top witness puts no limit on what can be allocated, so it does not show that no more could be allocated",
        );
      } else if (bound !== total) {
        fail(
          `total: the answer allocates ${thousands(total)} doses, but the certificate's top witness bounds what can be allocated at ${thousands(bound)} (${thousands(outsideTop)} in the lots outside it, ${thousands(insideTop)} that the recipients can take from the lots inside it), so it does not show that no more could be allocated`,
        );
      }

      // 4. Own bounds of the recipients without a level.
      const own = model.recipients.map((_, j) => bounds.ownBound(j));
      model.recipients.forEach((r, j) => {
        if (level[j] === null && x[j] !== own[j]) {
          fail(
            `recipient ${r.id}: has no level, so it must get all it could ever get, ${thousands(own[j])} doses (${bounds.ownBoundReason(j)}), but it gets ${thousands(x[j])}`,
          );
        }
      });

      // 3. Each level tight: x(T_k) = stated = bound'(T_k, L_k).
      const inside = bounds.levelBounds(level);
      const outsideDoses = new Array(levels + 1).fill(0n);
      outside.forEach((k, i) => {
        outsideDoses[k] += model.lots[i].doses;
      });
      const atLevel = new Array(levels).fill(0n);
      level.forEach((k, j) => {
        if (k !== null) atLevel[k] += x[j];
      });
      let held = 0n;
      let lotsOutside = 0n;
      certificate.levels.forEach((stated, k) => {
        held += atLevel[k];
        lotsOutside += outsideDoses[k];
        // Written only into a sentence: a level's value to four places costs a BigInt division.
        const name = () => levelName(k, stated.coverage_per_100);
        if (stated.doses !== held) {
          fail(
            `${name()}: the certificate says the recipients at or below it receive ${thousands(stated.doses)} doses, the answer gives them ${thousands(held)}`,
          );
        }
        const levelBound = saturatingAdd(lotsOutside, inside[k]);
        if (levelBound >= UNLIMITED) {
          fail(
            `${name()}: its witness puts no limit on the recipients at or below it (one of them has neither a cap nor an absorption limit and an eligible lot inside the witness), so it does not show that they could not receive more`,
          );
        } else if (levelBound !== held) {
          fail(
            `${name()}: the recipients at or below it receive ${thousands(held)} doses, but its witness bounds them at ${thousands(levelBound)} (${thousands(lotsOutside)} in the lots outside it, ${thousands(inside[k])} that they can take from the lots inside it), so it does not show that they could not receive more`,
          );
        }
      });

      // 5. Levels separate: A_k < B_k, and the stated value between them.
      let giver = null;
      const byLevel = certificate.levels.map(() => []);
      level.forEach((k, j) => {
        if (k !== null) byLevel[k].push(j);
      });
      byLevel.forEach((members, k) => {
        for (const j of members) {
          if (x[j] > 0n) {
            const c = coverage(model.recipients[j], x[j] - 1n);
            if (giver === null || compare(c, giver.coverage) > 0) giver = { coverage: c, j };
          }
        }
        let receiver = null;
        for (const j of members) {
          if (x[j] < own[j]) {
            const c = coverage(model.recipients[j], x[j] + 1n);
            if (receiver === null || compare(c, receiver.coverage) < 0) {
              receiver = { coverage: c, j };
            }
          }
        }
        const stated = certificate.levels[k].coverage_per_100;
        const name = () => levelName(k, stated);
        let separated = true;
        const unseparated =
          giver !== null && receiver !== null && compare(giver.coverage, receiver.coverage) >= 0;
        if (unseparated) {
          separated = false;
          const q = model.recipients[giver.j].id;
          const j = model.recipients[receiver.j].id;
          fail(
            `${name()}: ${q} could give a dose to ${j} without ending below it (${per100(giver.coverage)} with one dose less, ${j} at ${per100(receiver.coverage)} with one more), and ${j} is not at its own bound of ${thousands(own[receiver.j])} doses`,
          );
        }
        const low = giver === null ? -Infinity : asNumber(giver.coverage);
        const high = receiver === null ? Infinity : asNumber(receiver.coverage);
        const slack = 1e-9 * Math.max(Math.abs(stated), 1e-9);
        if (separated && !(stated >= low - slack && stated <= high + slack)) {
          fail(
            `${name()}: the recipients' whole doses put this level between ${decimal(low)} and ${decimal(high)} per 100, not at ${plain(stated)}`,
          );
        }
      });
    }

    return {
      run(answer, certificate) {
        // Optimality is only worth reading of a feasible answer: one that is not gets its
        // feasibility failures alone.
        const x = feasible(answer);
        if (x !== null && failures.length === 0) optimal(x, certificate);
        if (omitted > 0) failures.push(`and ${omitted} more failures not listed`);
      },
    };
  }

  /**
   * Checks an answer and its certificate against a round, all three as JSON text. Returns
   * one sentence per failure, in a fixed order; an empty list means everything holds.
   */
  function check(roundText, answerText, certificateText) {
    const documents = [
      [roundText, readRound, "the round is not a round's JSON"],
      [answerText, readAnswer, "the answer is not an answer's JSON"],
      [certificateText, readCertificate, "the certificate is not a certificate's JSON"],
    ];
    const parsed = [];
    for (const [text, reader, what] of documents) {
      try {
        parsed.push(readWith(reader, text));
      } catch (error) {
        if (error instanceof Unreadable) return [`${what}: ${error.message}`];
        throw error;
      }
    }
    const [round, answer, certificate] = parsed;
    let model;
    try {
      model = buildModel(round);
    } catch (error) {
      if (error instanceof Invalid) return [error.message];
      throw error;
    }
    const failures = [];
    checker(model, failures).run(answer, certificate);
    return failures;
  }

  if (typeof module !== 'undefined' && module.exports) module.exports = { check };

  // ---------------------------------------------------------------------------------------
  // The page: fetch the three files named by the region's data- attributes (same origin),
  // check them, and write the verdict in the page's language (the region's other data-
  // attributes, rendered by the server from its catalogues). Without JavaScript the region
  // keeps the server's sentence, which points to the command.

  if (typeof document === 'undefined') return;

  async function fetchText(url) {
    const response = await fetch(url, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.text();
  }

  function paragraph(content) {
    const element = document.createElement('p');
    element.textContent = content;
    return element;
  }

  function say(region, state, children) {
    region.dataset.state = state;
    region.replaceChildren(...children);
  }

  async function run(region) {
    const data = region.dataset;
    say(region, 'checking', [paragraph(data.checking)]);
    let texts;
    try {
      texts = await Promise.all([data.input, data.answer, data.certificate].map(fetchText));
    } catch (error) {
      say(region, 'unreachable', [paragraph(data.unreachable.replace('{reason}', error.message))]);
      return;
    }
    let failures;
    try {
      failures = check(...texts);
    } catch (error) {
      failures = [`the checker stopped: ${error.message}`];
    }
    if (failures.length === 0) {
      // The sentence names the page's figure, so the figure must be the checked answer's.
      const total = JSON.parse(texts[1]).total_doses;
      if (String(total) !== data.doses) {
        failures.push(
          `the page says ${thousands(BigInt(data.doses))} doses are allocated, but the answer it checked allocates ${thousands(BigInt(total))}`,
        );
      }
    }
    if (failures.length === 0) {
      say(region, 'checked', [paragraph(data.passed)]);
      return;
    }
    // The sentences are the checker's own, in English as `equidose check` writes them.
    const items = document.createElement('ul');
    items.lang = 'en';
    items.dir = 'ltr';
    for (const failure of failures) {
      const item = document.createElement('li');
      item.textContent = failure;
      items.append(item);
    }
    say(region, 'failed', [paragraph(data.failed), items]);
  }

  const region = document.getElementById('round-check');
  if (region) run(region);
})();
