# Shared terms: the layout, charts, income groups, states.
site-name = Equidose
site-tagline = Open software for international vaccine cooperation.
skip-to-content = Skip to the content
nav-label = Main
nav-dashboard = Dashboard
nav-countries = Countries
nav-pledges = Pledges
nav-simulate = Simulator
nav-workspace = Workspace
language-label = Language
footer-data = Reference data: Our World in Data (CC BY 4.0), UN World Population Prospects 2019, World Bank income groups FY2022.
footer-api = The same figures in the API
percent = { $value }%
group-low = Low income
group-lower-middle = Lower middle income
group-upper-middle = Upper middle income
group-high = High income
group-world = World
group-none = Not classified
chart-source = Source: { $source }. Figures of { $date }.
source-reference = Our World in Data, UN, World Bank, and the doses the platform delivered
source-ledger = the Equidose ledger
chart-numbers = The numbers behind the chart
chart-csv = Download the figures (CSV)
unit-per-100 = Doses per 100 people
unit-doses = Doses
axis-date = Day
# Error pages: a title per status, and the way back.
error-400 = The request could not be read
error-401 = Sign-in required
error-403 = Not allowed
error-404 = Not found
error-405 = Method not allowed
error-408 = The request took too long to arrive
error-409 = Conflict with the current state
error-413 = The request is too large
error-415 = Unsupported kind of content
error-422 = Invalid input
error-429 = Too many requests
error-500 = Something went wrong on the server
error-503 = Service unavailable; try again shortly
error-other = The request failed
error-back = Back to the dashboard
countries-count = { PLURAL($n) ->
    [one] { $shown } country
   *[other] { $shown } countries
}
pledge-state-open = Open
pledge-state-withdrawn = Withdrawn
pledge-state-fulfilled = Fulfilled
round-state-draft = Draft
round-state-published = Published
round-state-closed = Closed
