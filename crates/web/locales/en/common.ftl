# Shared terms: the layout, charts, income groups, states.
site-name = Equidose
site-tagline = Open software for international vaccine cooperation.
skip-to-content = Skip to the content
nav-label = Main
nav-dashboard = Dashboard
nav-countries = Countries
nav-pledges = Pledges
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
