//! A manufacturer's workspace, on both backends: its products, lots (by fields, and from a
//! GS1 string read, shown and only then confirmed), capacity, offers and partnerships, each
//! page read as its users read it, each form sent with good and bad input, twice, and forced
//! by a viewer or another party; the ledger verified after.

mod common;

use axum::http::StatusCode;
use common::browser::{Browser, form_of};
use common::{app, load_snapshot, verified};
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Product, ProductCode, Role, Storage};
use store::{Store, store_test};

/// The password every user of these tests has.
const PASSWORD: &str = "correct horse battery";

/// The GTIN of the maker's product `AZD1222`.
const GTIN: &str = "09501101530003";

/// Two manufacturers (`maker` with `AZD1222`, `rival` with `RIV1`) and an organization
/// (`covax`), with officials, and a viewer of `maker` and an official of Ethiopia.
async fn install(store: &Store) {
    load_snapshot(store).await;
    let hash = app::secrets::hash_password(PASSWORD).unwrap();
    store
        .write(|tx| {
            let hash = hash.clone();
            async move {
                for (code, kind, name) in [
                    ("maker", PartyKind::Manufacturer, "Maker"),
                    ("rival", PartyKind::Manufacturer, "Rival"),
                    ("covax", PartyKind::Organization, "COVAX"),
                ] {
                    tx.create_party(&Party {
                        code: PartyCode::parse(code).unwrap(),
                        kind,
                        name: name.into(),
                        population: None,
                        income_group: None,
                    })
                    .await?;
                }
                for (code, manufacturer, name, gtin) in [
                    ("AZD1222", "maker", "Vaxzevria", GTIN),
                    ("RIV1", "rival", "Rivax", "09501101530010"),
                ] {
                    tx.create_product(&Product {
                        code: ProductCode::parse(code).unwrap(),
                        manufacturer: PartyCode::parse(manufacturer).unwrap(),
                        name: name.into(),
                        doses_per_course: 2,
                        storage: Storage::Refrigerated,
                        shelf_life_days: 180,
                        gtin: Some(domain::gs1::Gtin::parse(gtin).unwrap()),
                    })
                    .await?;
                }
                for (email, party, role) in [
                    ("official@maker.example", "maker", Role::Official),
                    ("viewer@maker.example", "maker", Role::Viewer),
                    ("official@rival.example", "rival", Role::Official),
                    ("official@eth.example", "ETH", Role::Official),
                    ("official@covax.example", "covax", Role::Official),
                ] {
                    tx.create_user(&store::accounts::NewUser {
                        email,
                        password_hash: &hash,
                        party: &PartyCode::parse(party).unwrap(),
                        role,
                    })
                    .await?;
                }
                Ok::<_, store::StoreError>(())
            }
        })
        .await
        .unwrap();
}

/// A browser signed in as `email`.
async fn signed(app: &axum::Router, email: &str) -> Browser {
    let mut browser = Browser::new(app);
    browser.sign_in(email, PASSWORD).await;
    browser
}

/// `html` without Fluent's bidirectional isolation marks around placed values, its
/// apostrophes unescaped.
fn plain(html: &str) -> String {
    html.replace(['\u{2068}', '\u{2069}'], "")
        .replace("&#39;", "'")
}

fn text(answer: &common::Answer) -> String {
    plain(&String::from_utf8_lossy(&answer.body))
}

/// The session's CSRF token as a page carries it (the sign-out form has it on every page),
/// for forcing a form the page does not offer.
fn csrf(html: &str) -> String {
    let (_, hidden) = form_of(html, "sign-out");
    hidden
        .into_iter()
        .find(|(name, _)| name == "csrf_token")
        .unwrap()
        .1
}

/// The error shown beside the field `input` (its id), if any.
fn error_beside(html: &str, input: &str) -> Option<String> {
    let marker = format!("<span class=\"field-error\" id=\"{input}-error\">");
    let start = html.find(&marker)? + marker.len();
    let end = start + html[start..].find("</span>")?;
    Some(html[start..end].to_owned())
}

async fn products_of(store: &Store, party: &str) -> Vec<Product> {
    let party = PartyCode::parse(party).unwrap();
    store
        .read(|tx| async move { tx.products(None, 100).await })
        .await
        .unwrap()
        .into_iter()
        .filter(|product| product.manufacturer == party)
        .collect()
}

async fn lots(store: &Store) -> Vec<domain::party::Lot> {
    store
        .read(|tx| async move { tx.lots(None, None, 100).await })
        .await
        .unwrap()
}

async fn offer(store: &Store, id: i64) -> store::agreements::Offer {
    store
        .read(|tx| async move { tx.offer(id).await })
        .await
        .unwrap()
        .unwrap()
}

async fn offers(store: &Store) -> Vec<store::agreements::Offer> {
    store
        .read(|tx| async move {
            tx.offers(&store::agreements::AgreementFilter {
                limit: 100,
                ..Default::default()
            })
            .await
        })
        .await
        .unwrap()
}

const PAGES: [&str; 5] = [
    "/workspace/products",
    "/workspace/lots",
    "/workspace/capacity",
    "/workspace/offers",
    "/workspace/partnerships",
];

store_test! {
    async fn each_page_reads_as_its_user(store: Store) {
        install(&store).await;
        let app = app(store.clone());

        // The official: every page, with its forms, in the navigation of a manufacturer.
        let official = signed(&app, "official@maker.example").await;
        let forms = ["new-product", "lot-gs1", "capacity", "new-offer", "new-partnership"];
        for (path, form) in PAGES.iter().zip(forms) {
            let html = plain(&official.page(path).await);
            assert!(html.contains(&format!("href=\"{path}\" aria-current=\"page\"")), "{path}: {html}");
            assert!(html.contains(&format!("id=\"{form}\"")), "{path} offers {form}: {html}");
        }
        let products = plain(&official.page("/workspace/products").await);
        assert!(products.contains("<th scope=\"row\">AZD1222</th>"), "{products}");
        assert!(products.contains("Refrigerated, 2 to 8 °C") && products.contains(GTIN), "{products}");
        assert!(!products.contains("RIV1"), "another manufacturer's product: {products}");
        let lots = plain(&official.page("/workspace/lots").await);
        assert!(lots.contains("id=\"lot-fields\"") && lots.contains("Your party has registered no lots yet."), "{lots}");

        // Every page in every language: nothing missing from the catalogues.
        for lang in ["ar", "zh", "en", "fr", "ru", "es", "is"] {
            for path in PAGES.iter().chain(&["/workspace"]) {
                let html = official.page(&format!("{path}?lang={lang}")).await;
                assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{lang} {path}");
                assert!(!html.contains('⟦'), "{lang} {path}: a missing message in {html}");
            }
        }

        // The viewer reads the same pages and is offered no form.
        let viewer = signed(&app, "viewer@maker.example").await;
        for (path, form) in PAGES.iter().zip(forms) {
            let html = plain(&viewer.page(path).await);
            assert!(!html.contains(&format!("id=\"{form}\"")), "{path} offers {form} to a viewer: {html}");
        }
        assert!(plain(&viewer.page("/workspace/products").await).contains("<th scope=\"row\">AZD1222</th>"));
        assert!(plain(&viewer.page("/workspace/lots").await).contains("Only a manufacturer's officials register lots"));

        // A country reading the offers page sees what concerns it, and makes no offer.
        let country = signed(&app, "official@eth.example").await;
        let html = plain(&country.page("/workspace/offers").await);
        assert!(html.contains("offers made to your party or open to it"), "{html}");
        assert!(!html.contains("id=\"new-offer\""), "{html}");
        verified(&store).await;
    }
}

store_test! {
    async fn a_product_is_created_once_and_bad_input_changes_nothing(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let official = signed(&app, "official@maker.example").await;
        let page = official.page("/workspace/products").await;
        let good = [
            ("code", "BNT1"),
            ("name", "Comirnaty"),
            ("doses_per_course", "2"),
            ("storage", "-70C"),
            ("shelf_life_days", "180"),
            ("gtin", "09501101530027"),
        ];
        // Sent twice (a double click): one product, the same place to go.
        let first = official.submit(&page, "new-product", &good).await;
        let second = official.submit(&page, "new-product", &good).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", text(&first));
        assert_eq!(first.header("location"), Some("/workspace/products?done=maker-product-created"));
        assert_eq!(second.header("location"), first.header("location"));
        let created: Vec<_> = products_of(&store, "maker").await;
        assert_eq!(created.len(), 2, "{created:?}");
        let product = created.iter().find(|product| product.code.as_str() == "BNT1").unwrap();
        assert_eq!(product.storage, Storage::UltraCold);
        assert_eq!(product.gtin.as_ref().map(|gtin| gtin.as_str()), Some("09501101530027"));
        let after = plain(&official.page(first.header("location").unwrap()).await);
        assert!(after.contains("The product was added.") && after.contains("<th scope=\"row\">BNT1</th>"), "{after}");

        // Bad input: 422, each error beside its field, what was typed kept, nothing created.
        let page = official.page("/workspace/products").await;
        let bad = official
            .submit(&page, "new-product", &[
                ("code", "bad code!"),
                ("name", "Another vaccine"),
                ("doses_per_course", "0"),
                ("storage", "-70C"),
                ("shelf_life_days", "99999"),
                ("gtin", "09501101530028"),
            ])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = text(&bad);
        assert_eq!(error_beside(&html, "new-product-doses_per_course").as_deref(), Some("Enter a whole number of at least 1."));
        assert_eq!(error_beside(&html, "new-product-shelf_life_days").as_deref(), Some("Enter a whole number no greater than 3,650."));
        assert!(error_beside(&html, "new-product-code").unwrap().contains("letters, digits"), "{html}");
        assert!(error_beside(&html, "new-product-gtin").unwrap().contains("ends in check digit 8, but its other digits give 7"), "{html}");
        assert!(html.contains("value=\"Another vaccine\"") && html.contains("value=\"bad code!\""), "{html}");
        assert_eq!(products_of(&store, "maker").await.len(), 2);

        // A taken code: 409, said beside the code.
        let taken = official
            .submit(&page, "new-product", &[
                ("code", "AZD1222"),
                ("name", "Again"),
                ("doses_per_course", "2"),
                ("storage", "2-8C"),
                ("shelf_life_days", "180"),
            ])
            .await;
        assert_eq!(taken.status, StatusCode::CONFLICT);
        assert_eq!(error_beside(&text(&taken), "new-product-code").as_deref(), Some("A product with this code or this GTIN exists already."));

        // A viewer, and a country, forcing the form: refused, nothing created.
        for email in ["viewer@maker.example", "official@eth.example"] {
            let browser = signed(&app, email).await;
            let token = csrf(&browser.page("/workspace/products").await);
            let forced = browser
                .post("/workspace/products", &[
                    ("csrf_token", &token),
                    ("code", "FORCED"),
                    ("name", "Forced"),
                    ("doses_per_course", "2"),
                    ("storage", "2-8C"),
                    ("shelf_life_days", "180"),
                ])
                .await;
            assert_eq!(forced.status, StatusCode::FORBIDDEN, "{email}");
            assert!(text(&forced).contains("Your role may not do this."), "{email}");
        }
        assert_eq!(products_of(&store, "maker").await.len(), 2);
        assert!(products_of(&store, "ETH").await.is_empty());
        verified(&store).await;
    }
}

store_test! {
    async fn a_lot_is_registered_by_its_fields(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let official = signed(&app, "official@maker.example").await;
        let page = official.page("/workspace/lots").await;
        let good = [
            ("product", "AZD1222"),
            ("lot_number", "AB100"),
            ("expiry", "2022-03-31"),
            ("doses", "100000"),
        ];
        let first = official.submit(&page, "lot-fields", &good).await;
        let second = official.submit(&page, "lot-fields", &good).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", text(&first));
        assert_eq!(second.header("location"), first.header("location"));
        let registered = lots(&store).await;
        assert_eq!(registered.len(), 1, "one effect: {registered:?}");
        assert_eq!((registered[0].lot_number.as_str(), registered[0].doses), ("AB100", 100_000));
        assert_eq!(registered[0].expiry.to_string(), "2022-03-31");
        let after = plain(&official.page(first.header("location").unwrap()).await);
        assert!(after.contains("The lot was registered and its doses released."), "{after}");
        assert!(after.contains("<th scope=\"row\">AB100</th>") && after.contains("March 31, 2022") && after.contains("100,000"), "{after}");

        // An expiry in the past and doses that are no number: 422 beside each, kept.
        let page = official.page("/workspace/lots").await;
        let bad = official
            .submit(&page, "lot-fields", &[
                ("product", "AZD1222"),
                ("lot_number", "AB101"),
                ("expiry", "2021-01-31"),
                ("doses", "many"),
            ])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = text(&bad);
        assert!(error_beside(&html, "lot-fields-expiry").unwrap().contains("is before today (August 6, 2021)"), "{html}");
        assert_eq!(error_beside(&html, "lot-fields-doses").as_deref(), Some("Enter a whole number of at least 1."));
        assert!(html.contains("value=\"AB101\"") && html.contains("value=\"2021-01-31\""), "{html}");
        assert_eq!(lots(&store).await.len(), 1);

        // The same lot number again: 409 beside the lot number.
        let again = official
            .submit(&page, "lot-fields", &[
                ("product", "AZD1222"),
                ("lot_number", "AB100"),
                ("expiry", "2022-04-30"),
                ("doses", "5"),
            ])
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", text(&again));
        assert_eq!(error_beside(&text(&again), "lot-fields-lot_number").as_deref(), Some("This lot number is registered already for this product."));

        // Another manufacturer's product is not this one's to register.
        let rival = official
            .submit(&page, "lot-fields", &[
                ("product", "RIV1"),
                ("lot_number", "RV1"),
                ("expiry", "2022-04-30"),
                ("doses", "5"),
            ])
            .await;
        assert_eq!(rival.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_beside(&text(&rival), "lot-fields-product").is_some(), "{}", text(&rival));

        // The viewer forcing it: 403, nothing registered.
        let viewer = signed(&app, "viewer@maker.example").await;
        let token = csrf(&viewer.page("/workspace/lots").await);
        let forced = viewer
            .post("/workspace/lots", &[
                ("csrf_token", &token),
                ("product", "AZD1222"),
                ("lot_number", "AB102"),
                ("expiry", "2022-03-31"),
                ("doses", "10"),
            ])
            .await;
        assert_eq!(forced.status, StatusCode::FORBIDDEN);
        assert_eq!(lots(&store).await.len(), 1);
        verified(&store).await;
    }
}

store_test! {
    async fn a_lot_is_read_from_a_gs1_string_then_confirmed(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let official = signed(&app, "official@maker.example").await;
        let page = official.page("/workspace/lots").await;

        // The first submission reads the string and shows what it says; nothing is registered.
        let read = official
            .submit(&page, "lot-gs1", &[("gs1", " (01)09501101530003(17)220331(10)GS7788(21)SN42 ")])
            .await;
        assert_eq!(read.status, StatusCode::OK, "{}", text(&read));
        let shown = text(&read);
        for fact in [GTIN, "Vaxzevria (AZD1222)", "<dd>GS7788</dd>", "<dd>March 31, 2022</dd>", "<dd>SN42</dd>"] {
            assert!(shown.contains(fact), "{fact} in {shown}");
        }
        let (action, hidden) = form_of(&shown, "lot-confirm");
        assert_eq!(action, "/workspace/lots/confirm");
        assert!(hidden.contains(&("gs1".to_owned(), "(01)09501101530003(17)220331(10)GS7788(21)SN42".to_owned())), "{hidden:?}");
        assert!(hidden.contains(&("product".to_owned(), "AZD1222".to_owned())), "{hidden:?}");
        assert!(lots(&store).await.is_empty(), "reading registers nothing");

        // Confirming without doses: the same confirmation again, the error beside the doses.
        let missing = official.submit(&shown, "lot-confirm", &[("doses", "")]).await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = text(&missing);
        assert_eq!(error_beside(&html, "lot-confirm-doses").as_deref(), Some("Fill in this field."));
        assert!(html.contains("<dd>GS7788</dd>"), "{html}");
        assert!(lots(&store).await.is_empty());

        // Confirmed (twice, as a double click): one lot, with the GTIN and serial it was read with.
        let first = official.submit(&shown, "lot-confirm", &[("doses", "5000")]).await;
        let second = official.submit(&shown, "lot-confirm", &[("doses", "5000")]).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", text(&first));
        assert_eq!(second.header("location"), first.header("location"));
        let registered = lots(&store).await;
        assert_eq!(registered.len(), 1, "{registered:?}");
        let lot = &registered[0];
        assert_eq!((lot.lot_number.as_str(), lot.doses, lot.product.as_str()), ("GS7788", 5000, "AZD1222"));
        assert_eq!(lot.gtin.as_ref().map(|gtin| gtin.as_str()), Some(GTIN));
        assert_eq!(lot.serial.as_deref(), Some("SN42"));
        let after = plain(&official.page(first.header("location").unwrap()).await);
        assert!(after.contains("<th scope=\"row\">GS7788</th>"), "{after}");

        // A wrong check digit: refused beside the field, what was pasted kept, nothing registered.
        let pasted = "(01)09501101530004(17)220331(10)BAD1";
        let page = official.page("/workspace/lots").await;
        let bad = official.submit(&page, "lot-gs1", &[("gs1", pasted)]).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = text(&bad);
        assert_eq!(
            error_beside(&html, "lot-gs1-gs1").as_deref(),
            Some("GTIN 09501101530004 ends in check digit 4, but its other digits give 3: check the number for a typing error."),
        );
        assert!(html.contains(&format!("value=\"{pasted}\"")), "{html}");
        assert!(!html.contains("id=\"lot-confirm\""), "{html}");
        assert_eq!(lots(&store).await.len(), 1);

        // In the reader's language.
        let mut french = signed(&app, "official@maker.example").await;
        french.lang = "fr";
        let page = french.page("/workspace/lots").await;
        let bad = french.submit(&page, "lot-gs1", &[("gs1", pasted)]).await;
        let html = text(&bad);
        let message = error_beside(&html, "lot-gs1-gs1").unwrap();
        assert!(message.contains("chiffre de contrôle"), "{message}");

        // Other strings the parser or the manufacturer's products refuse, each said beside the field.
        let page = official.page("/workspace/lots").await;
        for (string, said) in [
            ("(01)09501101530010(17)220331(10)RV1", "None of your products has GTIN 09501101530010"),
            ("(01)09501101530003(17)220331", "has no lot number"),
            ("(01)09501101530003(17)210131(10)OLD1", "is before today"),
            ("(01)09501101530003(99)1", "Application identifier (99) is not read here"),
            ("", "Fill in this field."),
        ] {
            let bad = official.submit(&page, "lot-gs1", &[("gs1", string)]).await;
            assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{string}");
            let html = text(&bad);
            assert!(error_beside(&html, "lot-gs1-gs1").is_some_and(|error| error.contains(said)), "{string}: {html}");
        }
        assert_eq!(lots(&store).await.len(), 1);

        // A viewer may neither read a string for registering nor confirm one.
        let viewer = signed(&app, "viewer@maker.example").await;
        let token = csrf(&viewer.page("/workspace/lots").await);
        let forced = viewer.post("/workspace/lots/gs1", &[("csrf_token", &token), ("gs1", "(01)09501101530003(17)220331(10)VW1")]).await;
        assert_eq!(forced.status, StatusCode::FORBIDDEN);
        let forced = viewer
            .post("/workspace/lots/confirm", &[
                ("csrf_token", &token),
                ("gs1", "(01)09501101530003(17)220331(10)VW1"),
                ("product", "AZD1222"),
                ("doses", "10"),
            ])
            .await;
        assert_eq!(forced.status, StatusCode::FORBIDDEN, "{}", text(&forced));
        assert_eq!(lots(&store).await.len(), 1);
        verified(&store).await;
    }
}

store_test! {
    async fn capacity_is_stated_and_restated(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let official = signed(&app, "official@maker.example").await;
        let capacities = || async {
            store
                .read(|tx| async move { tx.capacities(None, None, None, 100).await })
                .await
                .unwrap()
        };
        for doses in ["2000000", "3,000,000"] {
            let page = official.page("/workspace/capacity").await;
            let answer = official
                .submit(&page, "capacity", &[("product", "AZD1222"), ("month", "2021-09"), ("doses", doses)])
                .await;
            assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", text(&answer));
            let repeated = official
                .submit(&page, "capacity", &[("product", "AZD1222"), ("month", "2021-09"), ("doses", doses)])
                .await;
            assert_eq!(repeated.header("location"), answer.header("location"));
        }
        let stated = capacities().await;
        assert_eq!(stated.len(), 1, "a later figure replaces the earlier: {stated:?}");
        assert_eq!((stated[0].month.as_str(), stated[0].doses), ("2021-09", 3_000_000));
        let html = plain(&official.page("/workspace/capacity?done=maker-capacity-set").await);
        assert!(html.contains("The capacity was stated.") && html.contains("3,000,000") && html.contains("2021-09"), "{html}");

        let page = official.page("/workspace/capacity").await;
        let bad = official
            .submit(&page, "capacity", &[("product", "AZD1222"), ("month", "2021-13"), ("doses", "-5")])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = text(&bad);
        assert!(error_beside(&html, "capacity-month").unwrap().contains("like 2021-09"), "{html}");
        assert_eq!(error_beside(&html, "capacity-doses").as_deref(), Some("Enter a whole number of at least 0."));
        assert!(html.contains("value=\"2021-13\""), "{html}");

        // Another manufacturer forcing a figure for this one's product is refused beside it.
        let rival = signed(&app, "official@rival.example").await;
        let rival_page = rival.page("/workspace/capacity").await;
        let forced = rival
            .post("/workspace/capacity", &[("csrf_token", &csrf(&rival_page)), ("product", "AZD1222"), ("month", "2021-10"), ("doses", "1")])
            .await;
        assert_eq!(forced.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_beside(&text(&forced), "capacity-product").unwrap().contains("maker"), "{}", text(&forced));
        assert_eq!(capacities().await.len(), 1);
        verified(&store).await;
    }
}

store_test! {
    async fn an_offer_is_made_answered_and_withdrawn(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let official = signed(&app, "official@maker.example").await;
        let make = |to: &'static str, doses: &'static str| {
            [
                ("product", "AZD1222"),
                ("doses", doses),
                ("available_from", "2021-09-01"),
                ("available_to", "2021-10-31"),
                ("price_per_dose", "3,5"),
                ("currency", "usd"),
                ("to", to),
            ]
        };
        let page = official.page("/workspace/offers").await;
        let first = official.submit(&page, "new-offer", &make("", "100000")).await;
        let second = official.submit(&page, "new-offer", &make("", "100000")).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", text(&first));
        assert_eq!(second.header("location"), first.header("location"));
        let made = offers(&store).await;
        assert_eq!(made.len(), 1, "{made:?}");
        let open = made[0].clone();
        assert_eq!((open.doses, open.to.clone(), open.price_per_dose.as_deref(), open.currency.as_deref()), (100_000, None, Some("3.5"), Some("USD")));

        // Bad input: a window that ends before it starts, a price that is no number.
        let bad = official
            .submit(&page, "new-offer", &[
                ("product", "AZD1222"),
                ("doses", "10"),
                ("available_from", "2021-09-01"),
                ("available_to", "2021-08-01"),
                ("price_per_dose", "cheap"),
                ("currency", ""),
                ("to", ""),
            ])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = text(&bad);
        assert_eq!(error_beside(&html, "new-offer-available_to").as_deref(), Some("The last day comes before the first."));
        assert!(error_beside(&html, "new-offer-price_per_dose").is_some(), "{html}");
        assert_eq!(offers(&store).await.len(), 1);

        // Ethiopia sees the open offer and may accept doses of it, not decline or withdraw it.
        let ethiopia = signed(&app, "official@eth.example").await;
        let theirs = plain(&ethiopia.page("/workspace/offers").await);
        let id = open.id;
        assert!(theirs.contains(&format!("id=\"accept-{id}\"")), "{theirs}");
        assert!(!theirs.contains(&format!("id=\"withdraw-{id}\"")) && !theirs.contains(&format!("id=\"decline-{id}\"")), "{theirs}");

        // The viewer, Ethiopia and another manufacturer forcing the withdrawal: refused.
        for email in ["viewer@maker.example", "official@eth.example", "official@rival.example"] {
            let browser = signed(&app, email).await;
            let token = csrf(&browser.page("/workspace/offers").await);
            let forced = browser.post(&format!("/workspace/offers/{id}/withdraw"), &[("csrf_token", &token)]).await;
            assert!(matches!(forced.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{email}: {}", forced.status);
            assert_eq!(offer(&store, id).await.state.as_str(), "open", "{email}");
        }
        let viewer_page = plain(&signed(&app, "viewer@maker.example").await.page("/workspace/offers").await);
        assert!(!viewer_page.contains(&format!("id=\"withdraw-{id}\"")), "{viewer_page}");

        // Ethiopia takes 40,000 doses: a signed agreement, shown to both.
        let page = ethiopia.page("/workspace/offers").await;
        let accepted = ethiopia.submit(&page, &format!("accept-{id}"), &[("doses", "40000")]).await;
        assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", text(&accepted));
        assert_eq!(offer(&store, id).await.doses_taken, 40_000);
        let after = plain(&official.page("/workspace/offers").await);
        assert!(after.contains("Agreement ") && after.contains("40,000") && after.contains("Signed"), "{after}");

        // The maker withdraws what is left, twice over: one effect.
        let page = official.page("/workspace/offers").await;
        let first = official.submit(&page, &format!("withdraw-{id}"), &[]).await;
        let second = official.submit(&page, &format!("withdraw-{id}"), &[]).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", text(&first));
        assert_eq!(second.header("location"), first.header("location"));
        assert_eq!(offer(&store, id).await.state.as_str(), "withdrawn");
        let after = plain(&official.page(first.header("location").unwrap()).await);
        assert!(after.contains("The offer was withdrawn.") && after.contains("Withdrawn"), "{after}");
        assert!(!after.contains(&format!("id=\"withdraw-{id}\"")), "{after}");
        // A withdrawal sent again from the old page, with a fresh key: the object changed.
        let stale = official.post(&format!("/workspace/offers/{id}/withdraw"), &[("csrf_token", &csrf(&page))]).await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert!(text(&stale).contains("it changed in the meantime"), "{}", text(&stale));

        // An offer made to Ethiopia alone: Ethiopia may decline it.
        let page = official.page("/workspace/offers").await;
        let made_to = official.submit(&page, "new-offer", &make("ETH", "5000")).await;
        assert_eq!(made_to.status, StatusCode::SEE_OTHER, "{}", text(&made_to));
        let to_ethiopia = offers(&store).await.into_iter().find(|offer| offer.to.is_some()).unwrap();
        let page = ethiopia.page("/workspace/offers").await;
        let declined = ethiopia.submit(&page, &format!("decline-{}", to_ethiopia.id), &[]).await;
        assert_eq!(declined.status, StatusCode::SEE_OTHER, "{}", text(&declined));
        assert_eq!(offer(&store, to_ethiopia.id).await.state.as_str(), "declined");
        verified(&store).await;
    }
}

store_test! {
    async fn a_partnership_moves_through_its_stages(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let official = signed(&app, "official@maker.example").await;
        let page = official.page("/workspace/partnerships").await;
        let proposal = [
            ("partner", "ETH"),
            ("product", "AZD1222"),
            ("site", "Addis Ababa"),
            ("kind", "fill_finish"),
            ("capacity_per_year", "25000000"),
        ];
        let first = official.submit(&page, "new-partnership", &proposal).await;
        let second = official.submit(&page, "new-partnership", &proposal).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", text(&first));
        assert_eq!(second.header("location"), first.header("location"));
        let partnerships = || async {
            store
                .read(|tx| async move { tx.partnerships(None, None, None, 100).await })
                .await
                .unwrap()
        };
        let made = partnerships().await;
        assert_eq!(made.len(), 1);
        let id = made[0].id;
        assert_eq!((made[0].stage.as_str(), made[0].partner.as_str()), ("proposed", "ETH"));

        // Bad input: no site, a capacity that is no number.
        let bad = official
            .submit(&page, "new-partnership", &[("partner", "ETH"), ("product", "AZD1222"), ("site", ""), ("kind", "fill_finish"), ("capacity_per_year", "lots")])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = text(&bad);
        assert_eq!(error_beside(&html, "new-partnership-site").as_deref(), Some("Fill in this field."));
        assert!(error_beside(&html, "new-partnership-capacity_per_year").is_some(), "{html}");
        assert_eq!(partnerships().await.len(), 1);

        // Ethiopia, the partner, sees it with the steps it may take, and negotiates.
        let ethiopia = signed(&app, "official@eth.example").await;
        let theirs = plain(&ethiopia.page("/workspace/partnerships").await);
        assert!(theirs.contains(&format!("id=\"negotiate-{id}\"")) && theirs.contains("Fill and finish"), "{theirs}");
        let negotiated = ethiopia.submit(&theirs, &format!("negotiate-{id}"), &[]).await;
        assert_eq!(negotiated.status, StatusCode::SEE_OTHER, "{}", text(&negotiated));

        // Another manufacturer, and the viewer, forcing the next step: refused, nothing moved.
        for email in ["official@rival.example", "viewer@maker.example"] {
            let browser = signed(&app, email).await;
            let token = csrf(&browser.page("/workspace/partnerships").await);
            let forced = browser.post(&format!("/workspace/partnerships/{id}/agree"), &[("csrf_token", &token)]).await;
            assert_eq!(forced.status, StatusCode::FORBIDDEN, "{email}");
        }
        assert_eq!(partnerships().await[0].stage.as_str(), "negotiating");

        // The maker agrees (twice: one step), then starts production.
        let page = plain(&official.page("/workspace/partnerships").await);
        assert!(page.contains("Negotiating"), "{page}");
        let first = official.submit(&page, &format!("agree-{id}"), &[]).await;
        let second = official.submit(&page, &format!("agree-{id}"), &[]).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", text(&first));
        assert_eq!(second.header("location"), first.header("location"));
        assert_eq!(partnerships().await[0].stage.as_str(), "agreed");
        let page = official.page("/workspace/partnerships").await;
        let started = official.submit(&page, &format!("start-production-{id}"), &[]).await;
        assert_eq!(started.status, StatusCode::SEE_OTHER);
        assert_eq!(partnerships().await[0].stage.as_str(), "producing");
        let page = plain(&official.page("/workspace/partnerships").await);
        assert!(page.contains("Producing") && !page.contains(&format!("id=\"abandon-{id}\"")), "{page}");
        verified(&store).await;
    }
}

store_test! {
    async fn the_home_page_shows_what_waits_for_the_manufacturer(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let official = signed(&app, "official@maker.example").await;
        let home = plain(&official.page("/workspace").await);
        assert!(home.contains("Nothing waits for you now."), "{home}");

        // A lot expiring within three months, an open offer, a partnership Ethiopia proposes.
        let page = official.page("/workspace/lots").await;
        let lot = official
            .submit(&page, "lot-fields", &[("product", "AZD1222"), ("lot_number", "SOON1"), ("expiry", "2021-09-30"), ("doses", "7000")])
            .await;
        assert_eq!(lot.status, StatusCode::SEE_OTHER, "{}", text(&lot));
        let page = official.page("/workspace/offers").await;
        let made = official
            .submit(&page, "new-offer", &[("product", "AZD1222"), ("doses", "500"), ("available_from", "2021-09-01"), ("available_to", "2021-10-31"), ("to", "")])
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", text(&made));
        let ethiopia = signed(&app, "official@eth.example").await;
        let page = ethiopia.page("/workspace/partnerships").await;
        let proposed = ethiopia
            .submit(&page, "new-partnership", &[("manufacturer", "maker"), ("product", "AZD1222"), ("site", "Addis Ababa"), ("kind", "technology_transfer"), ("capacity_per_year", "1000000")])
            .await;
        assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", text(&proposed));

        let home = plain(&official.page("/workspace").await);
        assert!(!home.contains("Nothing waits for you now."), "{home}");
        for waiting in [
            "of AZD1222 is open: 500 doses not yet taken, until October 31, 2021",
            "proposes a partnership to make AZD1222 at Addis Ababa",
            "Lot SOON1 of AZD1222: 7,000 doses still with you expire on September 30, 2021",
        ] {
            assert!(home.contains(waiting), "{waiting} in {home}");
        }
        verified(&store).await;
    }
}
