# The pages, one block each.

## Dashboard
dashboard-title = Vaccine equity at a glance
dashboard-lead = On { $date }, low-income countries had given { $low } doses per 100 people; high-income countries { $high }.
latest-title = Latest figures
latest-caption = Doses administered per 100 people on { $date }
latest-note = The last two days of reports are left out here: many countries report a few days late.
col-group = Group
col-doses = Doses administered
col-population = Population
col-per-100 = Doses per 100 people
col-date = Day
coverage-title = Doses per 100 people by income group
coverage-desc = Cumulative doses administered per 100 people, from { $from } to { $to }, each country's last report carried forward.
fulfilment-title = Pledges kept
fulfilment-chart = Doses pledged and delivered, by donor
legend-pledged = Pledged
legend-delivered = Delivered
col-donor = Donor
col-pledged = Doses pledged
col-delivered = Doses delivered
col-kept = Share delivered
fulfilment-none = No pledge has been made yet.
expiry-title = Doses at risk of expiry
expiry-lead = { $doses } doses on the platform will expire before they can be given at their holders' recent pace.
expiry-none = No doses on the platform are at risk of expiry.
expiry-chart = Doses at risk, by week of expiry
expiry-note = Totals over all holders; who holds them is not public.
col-week = Week of expiry (from Monday)
col-product = Product
col-at-risk = Doses at risk
rounds-title = Latest published rounds
rounds-none = No round has been published yet.
round-item = Round { $id } of { $organization }, { $date }: { $doses } doses for { $countries }

## Countries
countries-title = Countries
countries-lead = Doses per 100 people on { $date }. Sort by a column, or filter by name or income group.
filter-name = Name contains
filter-group = Income group
filter-any = All groups
filter-apply = Apply
filter-shown = Showing { $count }.
col-country = Country
col-income-group = Income group
sort-ascending = sorted ascending
sort-descending = sorted descending
countries-empty = No country matches.

## Country
country-lead = { $country }, { $group }: { $per100 } doses per 100 people on { $date }.
country-lead-unknown = { $country }: no population figure, so no doses per 100 people.
country-chart = { $country } against its income group and the world
country-deliveries = Deliveries through the platform
country-delivered = { $doses } doses delivered through Equidose by { $date }.
country-no-deliveries = No doses delivered through Equidose yet.
country-pledges = Pledges received
country-no-pledges = No pledge to this country yet.
country-back = Back to all countries
col-due = Due by
col-state = State

## Round
round-title = Round { $id } of { $organization }
round-lead = Allocation of { $date }: { $doses } doses for { $countries }.
round-proposal = The proposal
col-allocated = Doses allocated
col-before = Before, per 100
col-after = After, per 100
col-limited = Limited by
col-response = Answer
limited-cap = its request
limited-expiry = expiry
limited-level = the fair level
limited-supply = the doses available
response-accept = Accepted
response-decline = Declined: { $reason }
response-none = No answer yet
reason-short_shelf_life = shelf life too short
reason-no_cold_chain = no cold chain
reason-insufficient_notice = too little notice
reason-product_not_authorised = product not authorised
reason-no_absorption_capacity = cannot give more doses
reason-other = other reason
reason-no_response = no answer
round-chart = Coverage before and after the round
legend-before = Before
legend-after = After
round-recompute = Check it yourself
round-recompute-text = Download the round's input and run the same engine on it:
round-input-link = The round's input (JSON)
round-not-found = No published round has this number.

## Pledges
pledges-title = Pledges
pledges-lead = Every pledge made on the platform and the doses delivered against it.
col-recipient = To
pledges-none = No pledge has been made yet.

## The policy simulator.
simulate-title = Policy simulator
simulate-lead = In August 2021 the WHO asked rich countries to pause boosters until every country had vaccinated at least a tenth of its people, and to share their doses. The simulator starts from the real state of the world on { $date } and follows three policies until { $to }, sharing with the allocation engine the platform uses.
simulate-assumptions = The other assumptions are those of the example scenario: up to { $doses } doses produced a month until { $date }, { $held } of them owned by the contracts of richer countries and the rest given to a shared pool; { $primary } doses per 100 people for a primary course.
policy-boosters-first = Boosters first
policy-boosters-first-text = Holders give their own people a primary course and a booster, and give away only doses about to expire.
policy-sharing = Moratorium and sharing
policy-sharing-text = Holders keep doses up to the coverage set below and pool the rest; the pool is shared every week.
policy-proportional = By population
policy-proportional-text = Every day's production is split among all countries by population, from the first day.
simulate-form = Change the assumptions
simulate-booster = Booster, doses per 100 people
simulate-booster-hint = What a booster campaign adds to the primary course ({ $primary } per 100); holders vaccinate up to both before they share.
simulate-keep = What holders keep, doses per 100 people
simulate-keep-hint = Under the moratorium, holders keep doses up to this coverage and share the rest.
simulate-lead-time = Lead time, days
simulate-lead-time-hint = From allocation to arrival.
simulate-shelf-life = Minimum shelf life on arrival, days
simulate-shelf-life-hint = Recipients refuse doses with less shelf life left when they arrive.
simulate-group = Group shown
simulate-run = Run the simulation
simulate-errors = The simulation did not run: correct the values marked below.
simulate-error-number = Enter a number from { $low } to { $high }.
simulate-error-days = Enter a whole number of days from { $low } to { $high }.
simulate-error-group = Choose one of the groups in the list.
simulate-busy = The simulator is busy with other readers' runs. Try again in a few seconds.
simulate-running = The simulation is still running (a run takes a few seconds); it will be kept for you.
simulate-retry = Show the results
simulate-chart = Doses per 100 people under each policy: { $group }
simulate-chart-desc = Cumulative doses administered per 100 people, simulated from { $from } to { $to }.
simulate-source = Source: the Equidose simulator, from the built-in snapshot of Our World in Data, UN and World Bank figures on { $date }.
simulate-outcomes = What each policy gives: { $group }
col-policy = Policy
simulate-col-reaches = Reaches { $value } per 100
simulate-col-final = Per 100 at the end
simulate-col-world = World, per 100 at the end
col-expired = Doses expired unused
col-shared = Doses shared
simulate-note = The simulation ends on { $date }; –: not reached by then. Doses expired counts every dose that expired unused, wherever it was held; doses shared are those given in sharing rounds.

## The page of a forum meeting.
meeting-lead = Recorded by { $organization }, held on { $date }, with { $parties }.
meeting-totals = { $promised } doses promised, { $delivered } delivered (each dose counted once).
meeting-outcomes = The commitments made there and where they stand now
meeting-chart = Doses promised and delivered, by commitment
meeting-none = No commitment has been linked to this meeting yet.
col-commitment = Commitment
col-parties = Parties
col-promised = Promised
col-agreed = Agreed
legend-promised = Promised
outcome-pledge = Pledge { $id }
outcome-offer = Offer { $id }
outcome-agreement = Agreement { $id }
outcome-partnership = Partnership { $id }
outcome-stage = { $stage } ({ $capacity } doses a year)
state-open = open
state-withdrawn = withdrawn
state-fulfilled = fulfilled
state-accepted = accepted
state-declined = declined
state-proposed = proposed
state-signed = signed
state-cancelled = cancelled
state-completed = completed
state-negotiating = negotiating
state-agreed = agreed
state-producing = producing
state-abandoned = abandoned

## A round's certificate, checked without the engine.
round-check-text = Or check the published allocation without trusting the engine: download its answer and its certificate, and run the independent checker, which says in one sentence what fails, if anything:
round-answer-link = The engine's answer (JSON)
round-certificate-link = Its certificate (JSON)

## The dashboard's local-production pipeline and meetings.
pipeline-title = Local production
pipeline-lead = Partnerships for filling and finishing vaccines, or making them, where they are needed, by stage.
col-stage = Stage
col-partnerships = Partnerships
col-capacity = Doses a year
col-sites = Who and where
meetings-title = The forum's meetings
meetings-none = No meeting has been recorded yet.
meeting-item = { $title }, { $date }: { $promised } doses promised, { $delivered } delivered

## The round page's check, run in the reader's browser (check.js).
check-without-script = With JavaScript, this page runs the same checks in your browser and says here whether they hold; without it, run the command above.
check-checking = Checking the answer against its certificate in your browser…
check-passed = Checked in your browser: the answer is feasible day by day, it allocates every dose that could be allocated ({ $doses } doses), and no dose could move to a recipient worse off without leaving its giver below it.
check-failed = The check in your browser failed. What the checker found (in English, as equidose check writes it):
check-unreachable = The page could not fetch the three files to check them ({ $reason }): run the command above.
