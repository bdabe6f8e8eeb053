# Sameiginleg hugtök: umgjörð, gröf, tekjuhópar, stöður.
site-name = Equidose
site-tagline = Opinn hugbúnaður fyrir alþjóðlegt samstarf um bóluefni.
skip-to-content = Fara beint í efnið
nav-label = Aðalvalmynd
nav-dashboard = Yfirlit
nav-countries = Lönd
nav-pledges = Loforð
nav-simulate = Hermir
nav-workspace = Vinnusvæði
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
# Error pages: a title per status, and the way back.
error-400 = Ekki tókst að lesa beiðnina
error-401 = Innskráningar krafist
error-403 = Ekki leyft
error-404 = Fannst ekki
error-405 = Aðferð ekki leyfð
error-408 = Beiðnin var of lengi á leiðinni
error-409 = Stangast á við núverandi stöðu
error-413 = Beiðnin er of stór
error-415 = Efnistegund ekki studd
error-422 = Ógild gögn
error-429 = Of margar beiðnir
error-500 = Villa kom upp á þjóninum
error-503 = Þjónustan er ekki tiltæk; reyndu aftur eftir smástund
error-other = Beiðnin mistókst
error-back = Aftur á yfirlitið
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
