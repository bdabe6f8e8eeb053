# A manufacturer's workspace: products, lots (by fields or from a GS1 string), capacity,
# offers and the agreements they made, local-production partnerships.
ws-maker-choose = Choose…
ws-maker-doses = { PLURAL($n) ->
    [one] { $doses } dose
   *[other] { $doses } doses
}
ws-maker-days = { PLURAL($n) ->
    [one] { $days } day
   *[other] { $days } days
}
ws-maker-window = { $from } to { $to }

## Columns
ws-maker-col-product = Product
ws-maker-col-name = Name
ws-maker-col-doses-per-course = Doses per course
ws-maker-col-storage = Storage
ws-maker-col-shelf-life = Shelf life
ws-maker-col-gtin = GTIN
ws-maker-col-lot = Lot number
ws-maker-col-serial = Serial number
ws-maker-col-expiry = Expiry
ws-maker-col-doses-released = Doses released
ws-maker-col-doses-available = Available with you
ws-maker-col-month = Month
ws-maker-col-doses = Doses
ws-maker-col-stated = Stated
ws-maker-col-offer = Offer
ws-maker-col-manufacturer = Manufacturer
ws-maker-col-doses-offered = Doses offered
ws-maker-col-doses-left = Doses left
ws-maker-col-window = Available
ws-maker-col-price = Price per dose
ws-maker-col-to = Made to
ws-maker-col-agreement = Agreement
ws-maker-col-supplier = Supplier
ws-maker-col-recipient = Recipient
ws-maker-col-doses-delivered = Doses delivered
ws-maker-col-with = Other side
ws-maker-col-partnership = Partnership
ws-maker-col-site = Site
ws-maker-col-kind = Kind
ws-maker-col-capacity-per-year = Doses a year
ws-maker-col-stage = Stage

## Names of values
ws-maker-storage-2-8c = Refrigerated, 2 to 8 °C
ws-maker-storage-20c = Frozen, −20 °C
ws-maker-storage-70c = Ultra-cold, −70 °C
ws-maker-offer-state-open = Open
ws-maker-offer-state-accepted = Fully taken
ws-maker-offer-state-declined = Declined
ws-maker-offer-state-withdrawn = Withdrawn
ws-maker-agreement-state-proposed = Proposed
ws-maker-agreement-state-signed = Signed
ws-maker-agreement-state-cancelled = Cancelled
ws-maker-agreement-state-completed = Completed
ws-maker-partnership-kind-fill-finish = Fill and finish
ws-maker-partnership-kind-technology-transfer = Technology transfer
ws-maker-partnership-stage-proposed = Proposed
ws-maker-partnership-stage-negotiating = Negotiating
ws-maker-partnership-stage-agreed = Agreed
ws-maker-partnership-stage-producing = Producing
ws-maker-partnership-stage-abandoned = Abandoned
ws-maker-partnership-action-negotiate = Start negotiating
ws-maker-partnership-action-agree = Agree
ws-maker-partnership-action-start-production = Start production
ws-maker-partnership-action-abandon = Abandon

## Products
ws-maker-products-lead = The vaccines your party makes. A lot pasted as a GS1 string finds its product by the GTIN given here.
ws-maker-products-caption = Your products
ws-maker-no-products = Your party has no products yet.
ws-maker-products-read-only = Only a manufacturer's officials add products; you can read them here.
ws-maker-product-new = Add a product
ws-maker-product-create = Add the product
ws-maker-field-product-code = Product code
ws-maker-hint-product-code = Letters, digits, “-”, “_” and “.”, like AZD1222.
ws-maker-field-product-name = Name
ws-maker-field-doses-per-course = Doses in a full course
ws-maker-field-storage = Storage
ws-maker-field-shelf-life-days = Shelf life in days
ws-maker-field-gtin = GTIN
ws-maker-hint-gtin = The number under the pack's barcode: 14 digits (8, 12 or 13 are padded). Optional.

## Lots
ws-maker-lots-yours = Your lots
ws-maker-lots-caption = Your lots, newest first
ws-maker-no-lots = Your party has registered no lots yet.
ws-maker-lots-read-only = Only a manufacturer's officials register lots; you can read them here.
ws-maker-lot-new = Register a lot
ws-maker-lot-new-lead = Paste the GS1 string printed on the pack, or give the lot's fields. Registering a lot releases its doses into your available stock.
ws-maker-lot-by-gs1 = From the GS1 string on the pack
ws-maker-field-gs1 = GS1 element string
ws-maker-hint-gs1 = As printed under the barcode, like { $example }, or as a scanner sends it. You will check what it says before anything is registered.
ws-maker-gs1-read = Read the string
ws-maker-lot-by-fields = By fields
ws-maker-field-product = Product
ws-maker-field-lot-number = Lot number
ws-maker-hint-lot-number = As printed on the pack, up to 20 characters.
ws-maker-field-expiry = Expiry date
ws-maker-field-doses-released = Doses released
ws-maker-lot-register = Register the lot
ws-maker-lot-check = Check the lot read from the GS1 string
ws-maker-lot-check-lead = Nothing is registered yet. If this is the pack in your hands, give the doses released and confirm.
ws-maker-lot-confirm = Confirm and register
ws-maker-lot-start-again = Paste another string
ws-maker-gs1-empty = The GS1 string is empty: paste or scan the text printed on the pack, such as { $example }.
ws-maker-gs1-too-long = The GS1 string has more than { $maximum } characters: check that only one code was pasted.
ws-maker-gs1-expected-ai = An application identifier such as (01) or 01 must stand at character { $position }, but it reads “{ $found }”.
ws-maker-gs1-unknown-ai = Application identifier ({ $ai }) is not read here: a vaccine pack's string uses (01) GTIN, (10) lot number, (17) expiry date and (21) serial number.
ws-maker-gs1-duplicate-ai = Application identifier ({ $ai }) appears more than once: give each one once.
ws-maker-gs1-gtin-missing = The string has no GTIN: it must contain (01) followed by the pack's 14-digit GTIN.
ws-maker-gs1-field-empty = ({ $ai }) has no value: write it right after the identifier.
ws-maker-gs1-field-not-digits = ({ $ai }) “{ $value }” must contain digits only.
ws-maker-gs1-field-wrong-length = ({ $ai }) must be followed by exactly { $expected } digits, but “{ $value }” has { $length }.
ws-maker-gs1-field-too-long = ({ $ai }) “{ $value }” has { $length } characters, more than the { $maximum } allowed.
ws-maker-gs1-field-invalid-character = ({ $ai }) “{ $value }” contains “{ $character }”, which GS1 does not allow there: use only letters A to Z and a to z, digits and { $allowed }
ws-maker-gs1-expiry-not-a-date = (17) “{ $value }” is not a date: an expiry is YYMMDD, with a month from 01 to 12 and a day that month has (00 means its last day).
ws-maker-gs1-gtin-not-digits = GTIN “{ $input }” must contain digits only.
ws-maker-gs1-gtin-wrong-length = A GTIN has 8, 12, 13 or 14 digits, but “{ $input }” has { $length }.
ws-maker-gs1-check-digit = GTIN { $gtin } ends in check digit { $found }, but its other digits give { $expected }: check the number for a typing error.
ws-maker-gs1-expiry-not-encodable = The expiry { $expiry } cannot be written as (17) YYMMDD, which covers the years 2000 to 2099.
ws-maker-gs1-ambiguous = ({ $ai }) “{ $value }” contains text that reads as an application identifier in parentheses: paste the scanner's raw form instead.
ws-maker-gs1-no-product = None of your products has GTIN { $gtin }: give the product this GTIN first, or check the string.
ws-maker-gs1-no-lot = The string has no lot number (10): a lot cannot be registered without one.
ws-maker-gs1-no-expiry = The string has no expiry date (17): a lot cannot be registered without one.

## Capacity
ws-maker-capacity-lead = How many doses of each product your party can make in a month. The figures are public, so that the forum sees the supply to come; a new figure for the same product and month replaces the earlier one.
ws-maker-capacity-caption = Your monthly capacity
ws-maker-no-capacity = Your party has stated no capacity yet.
ws-maker-capacity-read-only = Only a manufacturer's officials state capacity; you can read it here.
ws-maker-capacity-new = State a month's capacity
ws-maker-capacity-set = State the capacity
ws-maker-field-month = Month
ws-maker-hint-month = Year and month, like 2021-09.
ws-maker-field-capacity-doses = Doses that month
ws-maker-hint-capacity-doses = 0 if the product is not made that month.

## Offers
ws-maker-offers-lead = Your offers of doses, to one country or organization or to every one of them. An open offer can be withdrawn; each acceptance makes a signed agreement, listed below.
ws-maker-offers-lead-others = Manufacturers' offers made to your party or open to it. Accepting doses makes a signed supply agreement, listed below.
ws-maker-no-offers = No offers yet.
ws-maker-offer-number = Offer { $id }
ws-maker-offer-to-all = Every country and organization
ws-maker-offer-new = Make an offer
ws-maker-offer-create = Make the offer
ws-maker-field-doses-offered = Doses offered
ws-maker-field-available-from = Deliverable from
ws-maker-field-available-to = Deliverable until
ws-maker-hint-window = At most { $days } days after the first day.
ws-maker-field-price = Price per dose
ws-maker-hint-price = A decimal like 3.50, optional.
ws-maker-field-currency = Currency
ws-maker-hint-currency = Three letters, like USD; needed with a price.
ws-maker-field-to = Made to
ws-maker-field-doses-taken = Doses to take
ws-maker-offer-accept = Accept
ws-maker-offer-decline = Decline
ws-maker-offer-withdraw = Withdraw
ws-maker-agreements = Agreements made from offers
ws-maker-agreement-number = Agreement { $id }
ws-maker-no-agreements = No agreement has come from an offer yet.

## Partnerships
ws-maker-partnerships-lead = Local production of a manufacturer's product by a partner, in the open: either side takes each step from proposed to producing, and every step is told to the other side.
ws-maker-no-partnerships = Your party is in no partnership yet.
ws-maker-partnership-number = Partnership { $id }
ws-maker-partnership-new = Propose a partnership
ws-maker-partnership-propose = Propose it
ws-maker-field-partner = Partner
ws-maker-field-manufacturer = Manufacturer
ws-maker-field-site = Site
ws-maker-hint-site = A plant or a city, like Dakar.
ws-maker-field-partnership-kind = Kind
ws-maker-field-capacity-per-year = Doses a year once producing

## What waits
ws-maker-waiting-offer-open = Offer { $offer } of { $product } is open: { $left } not yet taken, until { $until }
ws-maker-waiting-offer-to-answer = Offer { $offer } from { $manufacturer }: { $left } of { $product }, until { $until }
ws-maker-waiting-partnership = { $party } proposes a partnership to make { $product } at { $site }
ws-maker-waiting-lot-at-risk = Lot { $lot } of { $product }: { $at_risk } still with you expire on { $expiry }

## Errors
ws-maker-error-at-most = Enter a whole number no greater than { $maximum }.
ws-maker-error-product-code = Use only letters, digits, “-”, “_” and “.”, at most 64 of them.
ws-maker-error-product-exists = A product with this code or this GTIN exists already.
ws-maker-error-lot-number = Use 1 to 20 printable characters, as on the pack.
ws-maker-error-lot-exists = This lot number is registered already for this product.
ws-maker-error-expiry-past = The expiry { $expiry } is before today ({ $today }): a lot past its expiry cannot be released.
ws-maker-error-expiry-far = The expiry is after { $latest }: check the date.
ws-maker-error-month = Enter a month like 2021-09, between 2000-01 and 2100-12.
ws-maker-error-window-order = The last day comes before the first.
ws-maker-error-window-long = The window may last at most { $days } days.
ws-maker-error-window-past = The last day is before today ({ $today }).
ws-maker-error-price = Enter a price like 3.50: a decimal from 0 to 10000 with at most 4 decimals.
ws-maker-error-currency = Enter a currency as three letters, like USD.
ws-maker-error-currency-required = A price needs its currency.
ws-maker-error-changed = This is no longer possible: it changed in the meantime. The page shows it as it is now.

## After a form
ws-done-maker-product-created = The product was added.
ws-done-maker-lot-registered = The lot was registered and its doses released.
ws-done-maker-capacity-set = The capacity was stated.
ws-done-maker-offer-created = The offer was made.
ws-done-maker-offer-withdrawn = The offer was withdrawn.
ws-done-maker-offer-accepted = The doses were accepted: a signed agreement was made.
ws-done-maker-offer-declined = The offer was declined.
ws-done-maker-partnership-proposed = The partnership was proposed.
ws-done-maker-partnership-moved = The partnership moved to its next stage.
ws-done-maker-partnership-abandoned = The partnership was abandoned.
