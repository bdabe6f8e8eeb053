//! `kill -9` under write load of every kind: real `equidose serve` processes run movements,
//! shipments (plan, dispatch, confirm, cancel), allocation rounds (requests, create, compute,
//! publish, responses, close), thread messages and webhook deliveries at once, and are
//! killed with SIGKILL at seeded random moments. Each writer sends its cut request again
//! with the same `Idempotency-Key` after the restart, as a client should. After every kill
//! the ledger verifies and every reserved or travelling dose is accounted for; at the end no
//! acknowledged write is lost or applied twice, a replay of any key answers its first answer,
//! and every webhook event is delivered under its one id.
//!
//! 25 cycles per backend by default; `EQUIDOSE_KILL_CYCLES=200 EQUIDOSE_SEED=7 cargo test -p
//! equidose --test under_fire` runs more, or replays a run (`tools/under-fire` says the same).

#[path = "../../web/tests/receiver/mod.rs"]
mod receiver;

mod fire;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use fire::{Answer, COUNTRIES, Call, MAKER, POOL, Seeded, Server, expect, send, start};
use receiver::{Behaviour, Receiver};
use serde_json::json;
use store::testing::TestDatabase;
use store::{Backend, Store};

/// What one writer does next, given the answer to what it did last.
enum Script {
    /// Reserves one dose of a lot after another.
    Movements {
        client: usize,
        lot: i64,
        count: usize,
    },
    /// Plans a shipment of one dose to each country in turn, dispatches it (or, every fifth,
    /// cancels it) and has the recipient confirm it.
    Shipments {
        lot: i64,
        count: usize,
        /// The shipment being carried and the next step for it.
        current: Option<(i64, &'static str)>,
        /// Each shipment and the state its last acknowledged action left it in.
        states: BTreeMap<i64, &'static str>,
    },
    /// Rounds one after the other: two countries ask, the pool creates a round, computes,
    /// publishes; each share is accepted or declined; the round is closed.
    Rounds {
        lot: i64,
        count: usize,
        steps: Vec<RoundStep>,
        requests: Vec<i64>,
        round: Option<i64>,
        rounds: Vec<i64>,
        sent: usize,
    },
    /// Messages in one thread, its two parties in turn.
    Messages { thread: i64, count: usize },
}

/// One step of the round script.
#[derive(Debug, Clone)]
enum RoundStep {
    Request(&'static str),
    Create,
    Compute,
    Publish,
    Respond(String, bool),
    Close,
}

impl Script {
    fn name(&self) -> String {
        match self {
            Self::Movements { client, .. } => format!("movements {client}"),
            Self::Shipments { .. } => "shipments".into(),
            Self::Rounds { .. } => "rounds".into(),
            Self::Messages { .. } => "messages".into(),
        }
    }

    /// The next call, having seen `last` (the answer to the previous one).
    fn next(&mut self, last: Option<&Answer>) -> Call {
        match self {
            Self::Movements { client, lot, count } => {
                *count += 1;
                Call::post(
                    MAKER,
                    "/api/v1/movements",
                    Some(json!({"kind": "reserve", "lot": *lot, "doses": 1})),
                )
                .keyed(format!("move-{client}-{count}"))
            }
            Self::Shipments {
                lot,
                count,
                current,
                states,
            } => {
                if let (Some((id, step)), Some(answer)) = (current.as_mut(), last) {
                    let state = answer.json()["state"]
                        .as_str()
                        .map(|state| match state {
                            "planned" => "planned",
                            "in_transit" => "in_transit",
                            "delivered" => "delivered",
                            _ => "cancelled",
                        })
                        .unwrap_or("planned");
                    if *step == "plan" {
                        *id = answer.id();
                    }
                    states.insert(*id, state);
                    *step = match (*step, state) {
                        ("plan", _) if (*count).is_multiple_of(5) => "cancel",
                        ("plan", _) => "dispatch",
                        ("dispatch", _) => "confirm",
                        _ => "done",
                    };
                }
                if current.is_none_or(|(_, step)| step == "done") {
                    *count += 1;
                    *current = Some((0, "plan"));
                }
                let (id, step) = current.expect("a shipment is being carried");
                let to = COUNTRIES[*count % COUNTRIES.len()];
                let key = format!("shipment-{count}-{step}");
                match step {
                    "plan" => Call::post(
                        MAKER,
                        "/api/v1/shipments",
                        Some(json!({"lot": *lot, "doses": 1, "to": to})),
                    ),
                    "confirm" => Call::post(to, format!("/api/v1/shipments/{id}/confirm"), None),
                    action => Call::post(MAKER, format!("/api/v1/shipments/{id}/{action}"), None),
                }
                .keyed(key)
            }
            Self::Rounds {
                lot,
                count,
                steps,
                requests,
                round,
                rounds,
                sent,
            } => {
                // What the last answer tells: a request's id, the round's, the shares.
                if let Some(answer) = last {
                    let json = answer.json();
                    match steps.first() {
                        Some(RoundStep::Request(_)) => requests.push(answer.id()),
                        Some(RoundStep::Create) => {
                            *round = Some(answer.id());
                            rounds.push(answer.id());
                        }
                        Some(RoundStep::Publish) => {
                            let mut responses = Vec::new();
                            for (index, share) in json["proposal"]["shares"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .enumerate()
                            {
                                if share["doses"].as_i64().unwrap_or(0) > 0 {
                                    let country = share["country"].as_str().unwrap_or_default();
                                    responses.push(RoundStep::Respond(
                                        country.to_owned(),
                                        (index + *count).is_multiple_of(2),
                                    ));
                                }
                            }
                            steps.splice(1..1, responses);
                        }
                        _ => {}
                    }
                    steps.remove(0);
                }
                if steps.is_empty() {
                    *count += 1;
                    requests.clear();
                    let countries = [
                        COUNTRIES[*count % COUNTRIES.len()],
                        COUNTRIES[(*count + 1) % COUNTRIES.len()],
                    ];
                    steps.extend(countries.map(RoundStep::Request));
                    steps.extend([RoundStep::Create, RoundStep::Compute, RoundStep::Publish]);
                    steps.push(RoundStep::Close);
                }
                *sent += 1;
                let key = format!("round-step-{sent}");
                let id = round.unwrap_or(0);
                let call = match steps[0].clone() {
                    RoundStep::Request(country) => Call::post(
                        country,
                        "/api/v1/requests",
                        Some(json!({"doses": 10, "needed_by": "2021-12-31"})),
                    ),
                    RoundStep::Create => Call::post(
                        POOL,
                        "/api/v1/rounds",
                        Some(
                            json!({"date": fire::TODAY, "lots": [{"lot": *lot, "doses": 20}], "requests": requests}),
                        ),
                    ),
                    RoundStep::Compute => {
                        Call::post(POOL, format!("/api/v1/rounds/{id}/compute"), None)
                    }
                    RoundStep::Publish => {
                        Call::post(POOL, format!("/api/v1/rounds/{id}/publish"), None)
                    }
                    RoundStep::Respond(country, accept) => {
                        let body = if accept {
                            json!({"decision": "accept"})
                        } else {
                            json!({"decision": "decline", "reason": "short_shelf_life"})
                        };
                        let token = COUNTRIES
                            .iter()
                            .find(|code| **code == country)
                            .copied()
                            .unwrap_or(POOL);
                        Call::post(token, format!("/api/v1/rounds/{id}/responses"), Some(body))
                    }
                    RoundStep::Close => {
                        Call::post(POOL, format!("/api/v1/rounds/{id}/close"), None)
                    }
                };
                // Computing is repeatable by design and takes no key: the same draft and data
                // give the same proposal.
                if matches!(steps[0], RoundStep::Compute) {
                    call
                } else {
                    call.keyed(key)
                }
            }
            Self::Messages { thread, count } => {
                *count += 1;
                let token = if (*count).is_multiple_of(2) {
                    MAKER
                } else {
                    COUNTRIES[0]
                };
                Call::post(
                    token,
                    format!("/api/v1/threads/{thread}/messages"),
                    Some(json!({"body": format!("message {count}")})),
                )
                .keyed(format!("message-{count}"))
            }
        }
    }
}

/// A script and what it has sent: the call cut by the last kill (sent again first), the
/// answer to its previous call, and every acknowledged call with its answer.
struct Writer {
    script: Script,
    pending: Option<Call>,
    last: Option<Answer>,
    acknowledged: Vec<(Call, Answer)>,
    /// Calls sent again after a kill cut them.
    resent: usize,
}

impl Writer {
    fn new(script: Script) -> Self {
        Self {
            script,
            pending: None,
            last: None,
            acknowledged: Vec::new(),
            resent: 0,
        }
    }

    /// Writes until the server dies under it.
    async fn run(mut self, address: String, context: String) -> Self {
        loop {
            let call = match self.pending.take() {
                Some(call) => {
                    self.resent += 1;
                    call
                }
                None => self.script.next(self.last.as_ref()),
            };
            match send(&address, &call).await {
                None => {
                    self.pending = Some(call);
                    return self;
                }
                Some(answer) => {
                    assert!(
                        answer.is_success(),
                        "{context}, {}: {} {} (key {:?}) answered {} {}",
                        self.script.name(),
                        call.method,
                        call.path,
                        call.key,
                        answer.status,
                        answer.body
                    );
                    self.acknowledged.push((call, answer.clone()));
                    self.last = Some(answer);
                }
            }
        }
    }
}

/// The world the writers work in: lots, the pool's doses, a thread, a webhook.
struct World {
    movement_lot: i64,
    shipment_lot: i64,
    pool_lot: i64,
    thread: i64,
    webhook_path: &'static str,
    /// The last event of the set-up: the webhook wants those after it.
    events_before: i64,
}

async fn install(store: &Store, address: &str, receiver: &Receiver) -> World {
    fire::product(address).await;
    let movement_lot = fire::lot(address, "MOVE", 1_000_000).await;
    let shipment_lot = fire::lot(address, "SHIP", 1_000_000).await;
    let pool_lot = fire::lot(address, "POOL", 1_000_000).await;
    fire::deliver(address, pool_lot, 500_000, POOL).await;
    let thread = expect(
        address,
        &Call::post(
            COUNTRIES[0],
            "/api/v1/threads",
            Some(json!({"subject": "Deliveries", "parties": [MAKER]})),
        ),
        201,
    )
    .await
    .id();
    let webhook_path = "/maker";
    let webhook = expect(
        address,
        &Call::post(
            MAKER,
            "/api/v1/webhooks",
            Some(json!({"url": receiver.url(webhook_path), "events": ["shipment.dispatched", "message.created"]})),
        ),
        201,
    )
    .await
    .json();
    receiver.expect(
        webhook_path,
        webhook["secret"].as_str().expect("a secret"),
        Behaviour::Succeed,
    );
    let events_before = events(store, &["webhook.created"])
        .await
        .last()
        .map_or(0, |(id, _, _)| *id);
    World {
        events_before,
        movement_lot,
        shipment_lot,
        pool_lot,
        thread,
        webhook_path,
    }
}

/// The ids of the events a webhook of the maker's for `actions` delivers.
async fn events(store: &Store, actions: &[&str]) -> Vec<(i64, String, String)> {
    let actions: Vec<String> = actions.iter().map(|action| (*action).to_owned()).collect();
    store
        .read(|tx| async move {
            tx.events(&store::audit::EventFilter {
                limit: 10_000_000,
                ..Default::default()
            })
            .await
        })
        .await
        .expect("the trail is read")
        .into_iter()
        .filter(|event| actions.iter().any(|action| action == event.action.as_str()))
        .map(|event| (event.id, event.action.as_str().to_owned(), event.object.id))
        .collect()
}

async fn kill_cycles(backend: Backend) {
    let cycles: usize = std::env::var("EQUIDOSE_KILL_CYCLES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(25);
    let seed = fire::seed();
    eprintln!("{backend:?}: {cycles} kill cycles, EQUIDOSE_SEED={seed}");
    let mut random = Seeded::new(seed);
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let store = database.open().await;
    fire::install_parties(&store).await;
    let receiver = Receiver::start(Duration::from_millis(20)).await;
    let server = start(&database.url).await;
    let world = install(&store, &server.address, &receiver).await;
    drop(server);
    let lots = [world.shipment_lot, world.pool_lot];
    let mut writers = vec![
        Writer::new(Script::Movements {
            client: 0,
            lot: world.movement_lot,
            count: 0,
        }),
        Writer::new(Script::Movements {
            client: 1,
            lot: world.movement_lot,
            count: 0,
        }),
        Writer::new(Script::Shipments {
            lot: world.shipment_lot,
            count: 0,
            current: None,
            states: BTreeMap::new(),
        }),
        Writer::new(Script::Rounds {
            lot: world.pool_lot,
            count: 0,
            steps: Vec::new(),
            requests: Vec::new(),
            round: None,
            rounds: Vec::new(),
            sent: 0,
        }),
        Writer::new(Script::Messages {
            thread: world.thread,
            count: 0,
        }),
    ];
    let mut ready_slowest = Duration::ZERO;
    for cycle in 0..cycles {
        let context = format!("{backend:?}, cycle {cycle}, EQUIDOSE_SEED={seed}");
        let server = start(&database.url).await;
        ready_slowest = ready_slowest.max(server.ready_after);
        let tasks: Vec<_> = writers
            .drain(..)
            .map(|writer| tokio::spawn(writer.run(server.address.clone(), context.clone())))
            .collect();
        tokio::time::sleep(Duration::from_millis(random.within(150, 1_500))).await;
        server.kill();
        for task in tasks {
            writers.push(task.await.expect("a writer ends when the server dies"));
        }
        fire::assert_accounted(&store, &lots, &context).await;
    }

    // The last start, with no kill: every cut call is sent again and answered.
    let context = format!("{backend:?}, after {cycles} kills, EQUIDOSE_SEED={seed}");
    let server = start(&database.url).await;
    for writer in &mut writers {
        if let Some(call) = writer.pending.take() {
            let answer = send(&server.address, &call)
                .await
                .filter(Answer::is_success)
                .unwrap_or_else(|| panic!("{context}: {call:?} is not answered with a success"));
            // The script takes note of the answer (what it would send next is not sent).
            let _ = writer.script.next(Some(&answer));
            writer.acknowledged.push((call, answer));
        }
    }
    fire::assert_accounted(&store, &lots, &context).await;

    // No acknowledged call is lost or applied twice, and a replay answers the first answer.
    let acknowledged: usize = writers.iter().map(|writer| writer.acknowledged.len()).sum();
    let resent: usize = writers.iter().map(|writer| writer.resent).sum();
    for writer in &writers {
        let keyed: Vec<&str> = writer
            .acknowledged
            .iter()
            .filter_map(|(call, _)| call.key.as_deref())
            .collect();
        let keys: BTreeSet<&str> = keyed.iter().copied().collect();
        assert_eq!(
            keys.len(),
            keyed.len(),
            "{context}: {} acknowledged a key twice",
            writer.script.name()
        );
        for (call, first) in writer
            .acknowledged
            .iter()
            .filter(|(call, _)| call.key.is_some())
            .step_by(7)
        {
            let again = expect(&server.address, call, first.status).await;
            assert!(again.replayed, "{context}: {call:?} was not replayed");
            assert_eq!(again.body, first.body, "{context}: {call:?}");
        }
    }
    check_effects(&store, &server, &world, &writers, &context).await;

    // Every event the webhook wants is delivered, each under its one id.
    // Events after the webhook's registration (the writers' own), which it wants.
    let wanted: Vec<(i64, String, String)> =
        events(&store, &["shipment.dispatched", "message.created"])
            .await
            .into_iter()
            .filter(|(id, _, _)| *id > world.events_before)
            .collect();
    let wanted_ids: BTreeSet<i64> = wanted.iter().map(|(id, _, _)| *id).collect();
    let delivered_all = |got: &[receiver::Received]| {
        let ids: BTreeSet<i64> = got
            .iter()
            .filter(|got| got.accepted)
            .map(|got| got.id)
            .collect();
        wanted_ids.is_subset(&ids)
    };
    if !receiver
        .wait_for(Duration::from_secs(60), delivered_all)
        .await
    {
        let got: BTreeSet<i64> = receiver.received().iter().map(|got| got.id).collect();
        let missing: Vec<&(i64, String, String)> = wanted
            .iter()
            .filter(|(id, _, _)| !got.contains(id))
            .collect();
        let outbox = store
            .read(|tx| async move { tx.webhook_deliveries(1, None, 100_000).await })
            .await
            .expect("the outbox is read");
        let rows: Vec<String> = outbox
            .iter()
            .filter(|row| row.state.as_str() != "delivered")
            .take(3)
            .map(|row| format!("{row:?}"))
            .collect();
        let received: Vec<String> = receiver
            .received()
            .iter()
            .filter(|got| missing.iter().any(|(id, _, _)| *id == got.id))
            .map(|got| format!("{} {}", got.id, got.accepted))
            .collect();
        panic!(
            "{context}: {} of {} events were not delivered, the first: {:?}; outbox: {rows:#?}; received: {received:?}",
            missing.len(),
            wanted.len(),
            &missing[..missing.len().min(5)]
        );
    }
    let received = receiver.received_at(world.webhook_path);
    // Delivered at least once, and only under the id the trail gave the event.
    for got in &received {
        let recorded = wanted.iter().find(|(id, _, _)| *id == got.id);
        assert!(
            recorded.is_some_and(|(_, action, object)| *action == got.event
                && got.body["object"]["id"].as_str() == Some(object.as_str())),
            "{context}: delivery {got:?} is not an event of the trail"
        );
    }
    // A shipment is dispatched once: one event (one id) per shipment. (A message's event
    // names its thread; each message once is checked above.)
    let dispatched: Vec<&String> = wanted
        .iter()
        .filter(|(_, action, _)| action == "shipment.dispatched")
        .map(|(_, _, shipment)| shipment)
        .collect();
    let shipments: BTreeSet<&String> = dispatched.iter().copied().collect();
    assert_eq!(
        shipments.len(),
        dispatched.len(),
        "{context}: a shipment was dispatched twice in the trail"
    );
    assert!(receiver.bad_signatures().is_empty(), "{context}");
    eprintln!(
        "{context}: {acknowledged} writes acknowledged ({resent} sent again after a kill), {} events delivered ({} deliveries), slowest start to ready {} ms",
        wanted.len(),
        received.len(),
        ready_slowest.as_millis()
    );
    drop(server);
    store.close().await;
    database.remove().await;
}

/// What the acknowledged writes did, read back: each exactly once.
async fn check_effects(
    store: &Store,
    server: &Server,
    world: &World,
    writers: &[Writer],
    context: &str,
) {
    let address = &server.address;
    for writer in writers {
        match &writer.script {
            Script::Movements { .. } => {}
            Script::Shipments { states, .. } => {
                for (id, state) in states {
                    let shipment = expect(
                        address,
                        &Call::get(MAKER, format!("/api/v1/shipments/{id}")),
                        200,
                    )
                    .await
                    .json();
                    assert_eq!(shipment["state"], *state, "{context}: shipment {id}");
                }
                let made = store
                    .read(|tx| async move {
                        tx.shipments(&store::cooperation::CooperationFilter {
                            limit: 1_000_000,
                            ..Default::default()
                        })
                        .await
                    })
                    .await
                    .expect("the shipments are read")
                    .iter()
                    .filter(|shipment| shipment.lot.0 == world.shipment_lot)
                    .count();
                assert_eq!(made, states.len(), "{context}: shipments made");
            }
            Script::Rounds { rounds, .. } => {
                // Only this writer makes rounds: one per acknowledged creation.
                let stored = store
                    .read(|tx| async move { fire::round_ids(&tx).await })
                    .await
                    .expect("the rounds are read");
                let mut made = rounds.clone();
                made.sort_unstable();
                made.dedup();
                assert_eq!(
                    made.len(),
                    rounds.len(),
                    "{context}: a round answered twice"
                );
                assert_eq!(stored, made, "{context}: rounds made");
            }
            Script::Messages { .. } => {
                let thread = world.thread;
                let messages = store
                    .read(|tx| async move { tx.messages(thread, None, 1_000_000).await })
                    .await
                    .expect("the messages are read");
                let mut bodies: Vec<&str> = messages
                    .iter()
                    .map(|message| message.body.as_str())
                    .collect();
                bodies.sort_unstable();
                let mut sent: Vec<&str> = writer
                    .acknowledged
                    .iter()
                    .filter_map(|(call, _)| call.body.as_ref()?["body"].as_str())
                    .collect();
                sent.sort_unstable();
                assert_eq!(bodies, sent, "{context}: one message per acknowledged call");
            }
        }
    }
    // Every acknowledged reservation of the movement lot is in the journal once, and nothing
    // else reserved doses of it.
    let movement_ids: Vec<i64> = writers
        .iter()
        .filter(|writer| matches!(writer.script, Script::Movements { .. }))
        .flat_map(|writer| writer.acknowledged.iter().map(|(_, answer)| answer.id()))
        .collect();
    let lot = world.movement_lot;
    let journal: BTreeSet<i64> = store
        .read(|tx| async move {
            tx.movements(&store::ledger::MovementFilter {
                lot: Some(domain::ledger::LotId(lot)),
                involving: None,
                after: None,
                limit: 10_000_000,
            })
            .await
        })
        .await
        .expect("the journal is read")
        .iter()
        .filter(|movement| movement.kind.as_str() == "reserve")
        .map(|movement| movement.id)
        .collect();
    let acknowledged: BTreeSet<i64> = movement_ids.iter().copied().collect();
    assert_eq!(
        acknowledged.len(),
        movement_ids.len(),
        "{context}: one movement id answered twice"
    );
    assert_eq!(
        journal, acknowledged,
        "{context}: the journal's reservations and the acknowledged ones"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_under_writes_of_every_kind_loses_nothing_and_doubles_nothing_on_sqlite() {
    kill_cycles(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_under_writes_of_every_kind_loses_nothing_and_doubles_nothing_on_postgresql() {
    kill_cycles(Backend::Postgres).await;
}
