# Sameiginleg hugtök: umgjörð, gröf, tekjuhópar, stöður.
site-name = Equidose
site-tagline = Opinn hugbúnaður fyrir alþjóðlegt samstarf um bóluefni.
skip-to-content = Fara beint í efnið
nav-label = Aðalvalmynd
nav-dashboard = Yfirlit
nav-countries = Lönd
nav-pledges = Loforð
language-label = Tungumál
footer-data = Viðmiðunargögn: Our World in Data (CC BY 4.0), mannfjöldaspá SÞ 2019, tekjuhópar Alþjóðabankans 2022.
footer-api = Sömu tölur í forritaskilunum
percent = { $value }%
group-low = Lágar tekjur
group-lower-middle = Lægri millitekjur
group-upper-middle = Hærri millitekjur
group-high = Háar tekjur
group-world = Heimurinn
group-none = Óflokkað
chart-source = Heimild: { $source }. Tölur frá { $date }.
source-reference = Our World in Data, SÞ, Alþjóðabankinn og skammtar sem vettvangurinn afhenti
source-ledger = færsluskrá Equidose
chart-numbers = Tölurnar að baki grafinu
chart-csv = Sækja tölurnar (CSV)
unit-per-100 = Skammtar á hverja 100 íbúa
unit-doses = Skammtar
axis-date = Dagur
countries-count = { PLURAL($n) ->
    [one] { $shown } land
   *[other] { $shown } lönd
}
pledge-state-open = Opið
pledge-state-withdrawn = Dregið til baka
pledge-state-fulfilled = Efnt
round-state-draft = Drög
round-state-published = Birt
round-state-closed = Lokið
