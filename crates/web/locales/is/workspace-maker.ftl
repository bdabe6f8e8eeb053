# A manufacturer's workspace: products, lots (by fields or from a GS1 string), capacity,
# offers and the agreements they made, local-production partnerships.
ws-maker-choose = Veldu…
ws-maker-doses = { PLURAL($n) ->
    [one] { $doses } skammtur
   *[other] { $doses } skammtar
}
ws-maker-days = { PLURAL($n) ->
    [one] { $days } dagur
   *[other] { $days } dagar
}
ws-maker-window = { $from } til { $to }

## Columns
ws-maker-col-product = Vara
ws-maker-col-name = Heiti
ws-maker-col-doses-per-course = Skammtar í fullri bólusetningu
ws-maker-col-storage = Geymsla
ws-maker-col-shelf-life = Geymsluþol
ws-maker-col-gtin = GTIN
ws-maker-col-lot = Lotunúmer
ws-maker-col-serial = Raðnúmer
ws-maker-col-expiry = Fyrningardagur
ws-maker-col-doses-released = Skammtar losaðir
ws-maker-col-doses-available = Tiltækir hjá ykkur
ws-maker-col-month = Mánuður
ws-maker-col-doses = Skammtar
ws-maker-col-stated = Skráð
ws-maker-col-offer = Tilboð
ws-maker-col-manufacturer = Framleiðandi
ws-maker-col-doses-offered = Skammtar í boði
ws-maker-col-doses-left = Skammtar eftir
ws-maker-col-window = Tiltækt
ws-maker-col-price = Verð á skammt
ws-maker-col-to = Til
ws-maker-col-agreement = Samningur
ws-maker-col-supplier = Birgir
ws-maker-col-recipient = Viðtakandi
ws-maker-col-doses-delivered = Skammtar afhentir
ws-maker-col-with = Gagnaðili
ws-maker-col-partnership = Samstarf
ws-maker-col-site = Staður
ws-maker-col-kind = Tegund
ws-maker-col-capacity-per-year = Skammtar á ári
ws-maker-col-stage = Stig

## Names of values
ws-maker-storage-2-8c = Í kæli, 2 til 8 °C
ws-maker-storage-20c = Fryst, −20 °C
ws-maker-storage-70c = Djúpfryst, −70 °C
ws-maker-offer-state-open = Opið
ws-maker-offer-state-accepted = Allt tekið
ws-maker-offer-state-declined = Hafnað
ws-maker-offer-state-withdrawn = Dregið til baka
ws-maker-agreement-state-proposed = Lagður til
ws-maker-agreement-state-signed = Undirritaður
ws-maker-agreement-state-cancelled = Felldur niður
ws-maker-agreement-state-completed = Efndur
ws-maker-partnership-kind-fill-finish = Áfylling og frágangur
ws-maker-partnership-kind-technology-transfer = Tækniyfirfærsla
ws-maker-partnership-stage-proposed = Lagt til
ws-maker-partnership-stage-negotiating = Í samningaviðræðum
ws-maker-partnership-stage-agreed = Samið
ws-maker-partnership-stage-producing = Í framleiðslu
ws-maker-partnership-stage-abandoned = Hætt við
ws-maker-partnership-action-negotiate = Hefja samningaviðræður
ws-maker-partnership-action-agree = Semja
ws-maker-partnership-action-start-production = Hefja framleiðslu
ws-maker-partnership-action-abandon = Hætta við

## Products
ws-maker-products-lead = Bóluefnin sem ykkar aðili framleiðir. Lota sem er límd inn sem GS1-strengur finnur vöru sína eftir GTIN-númerinu sem hér er gefið.
ws-maker-products-caption = Vörur ykkar
ws-maker-no-products = Ykkar aðili á engar vörur enn.
ws-maker-products-read-only = Aðeins fulltrúar framleiðanda bæta við vörum; hér getið þið skoðað þær.
ws-maker-product-new = Bæta við vöru
ws-maker-product-create = Bæta vörunni við
ws-maker-field-product-code = Vörukóði
ws-maker-hint-product-code = Bókstafir, tölustafir, „-“, „_“ og „.“, til dæmis AZD1222.
ws-maker-field-product-name = Heiti
ws-maker-field-doses-per-course = Skammtar í fullri bólusetningu
ws-maker-field-storage = Geymsla
ws-maker-field-shelf-life-days = Geymsluþol í dögum
ws-maker-field-gtin = GTIN
ws-maker-hint-gtin = Númerið undir strikamerki umbúðanna: 14 tölustafir (8, 12 eða 13 eru fyllt út). Valfrjálst.

## Lots
ws-maker-lots-yours = Lotur ykkar
ws-maker-lots-caption = Lotur ykkar, nýjustu fyrst
ws-maker-no-lots = Ykkar aðili hefur enga lotu skráð enn.
ws-maker-lots-read-only = Aðeins fulltrúar framleiðanda skrá lotur; hér getið þið skoðað þær.
ws-maker-lot-new = Skrá lotu
ws-maker-lot-new-lead = Límið inn GS1-strenginn sem prentaður er á umbúðirnar, eða gefið upp reiti lotunnar. Skráning lotu losar skammta hennar í tiltækar birgðir ykkar.
ws-maker-lot-by-gs1 = Út frá GS1-strengnum á umbúðunum
ws-maker-field-gs1 = GS1-einingastrengur
ws-maker-hint-gs1 = Eins og hann er prentaður undir strikamerkinu, til dæmis { $example }, eða eins og skanni sendir hann. Þið farið yfir það sem hann segir áður en nokkuð er skráð.
ws-maker-gs1-read = Lesa strenginn
ws-maker-lot-by-fields = Eftir reitum
ws-maker-field-product = Vara
ws-maker-field-lot-number = Lotunúmer
ws-maker-hint-lot-number = Eins og á umbúðunum, mest 20 stafir.
ws-maker-field-expiry = Fyrningardagur
ws-maker-field-doses-released = Skammtar losaðir
ws-maker-lot-register = Skrá lotuna
ws-maker-lot-check = Farið yfir lotuna sem lesin var úr GS1-strengnum
ws-maker-lot-check-lead = Ekkert hefur verið skráð enn. Ef þetta eru umbúðirnar sem þið hafið í höndunum, gefið upp losaða skammta og staðfestið.
ws-maker-lot-confirm = Staðfesta og skrá
ws-maker-lot-start-again = Líma inn annan streng
ws-maker-gs1-empty = GS1-strengurinn er tómur: límið inn eða skannið textann sem prentaður er á umbúðirnar, til dæmis { $example }.
ws-maker-gs1-too-long = GS1-strengurinn er lengri en { $maximum } stafir: athugið hvort aðeins einn kóði var límdur inn.
ws-maker-gs1-expected-ai = Forritsauðkenni eins og (01) eða 01 á að standa við staf { $position }, en þar stendur „{ $found }“.
ws-maker-gs1-unknown-ai = Forritsauðkennið ({ $ai }) er ekki lesið hér: strengur á bóluefnaumbúðum notar (01) GTIN, (10) lotunúmer, (17) fyrningardag og (21) raðnúmer.
ws-maker-gs1-duplicate-ai = Forritsauðkennið ({ $ai }) kemur oftar en einu sinni fyrir: gefið hvert þeirra upp einu sinni.
ws-maker-gs1-gtin-missing = Strengurinn hefur ekkert GTIN: hann þarf að innihalda (01) og á eftir því 14 stafa GTIN umbúðanna.
ws-maker-gs1-field-empty = ({ $ai }) hefur ekkert gildi: skrifið það strax á eftir auðkenninu.
ws-maker-gs1-field-not-digits = ({ $ai }) „{ $value }“ má aðeins innihalda tölustafi.
ws-maker-gs1-field-wrong-length = Á eftir ({ $ai }) eiga að koma nákvæmlega { $expected } tölustafir, en „{ $value }“ hefur { $length }.
ws-maker-gs1-field-too-long = ({ $ai }) „{ $value }“ er { $length } stafir, fleiri en þeir { $maximum } sem leyfðir eru.
ws-maker-gs1-field-invalid-character = ({ $ai }) „{ $value }“ inniheldur „{ $character }“, sem GS1 leyfir ekki hér: notið aðeins bókstafina A til Z og a til z, tölustafi og { $allowed }
ws-maker-gs1-expiry-not-a-date = (17) „{ $value }“ er ekki dagsetning: fyrningardagur er skrifaður ÁÁMMDD, með mánuð frá 01 til 12 og dag sem sá mánuður hefur (00 merkir síðasta dag hans).
ws-maker-gs1-gtin-not-digits = GTIN „{ $input }“ má aðeins innihalda tölustafi.
ws-maker-gs1-gtin-wrong-length = GTIN hefur 8, 12, 13 eða 14 tölustafi, en „{ $input }“ hefur { $length }.
ws-maker-gs1-check-digit = GTIN { $gtin } endar á vartölunni { $found }, en hinir tölustafirnir gefa { $expected }: athugið hvort innsláttarvilla leynist í númerinu.
ws-maker-gs1-expiry-not-encodable = Fyrningardaginn { $expiry } er ekki hægt að skrifa sem (17) ÁÁMMDD, sem nær yfir árin 2000 til 2099.
ws-maker-gs1-ambiguous = ({ $ai }) „{ $value }“ inniheldur texta sem lesa má sem forritsauðkenni í svigum: límið frekar inn hráa strenginn sem skanninn sendir.
ws-maker-gs1-no-product = Engin vara ykkar hefur GTIN { $gtin }: gefið vörunni þetta GTIN fyrst, eða athugið strenginn.
ws-maker-gs1-no-lot = Strengurinn hefur ekkert lotunúmer (10): ekki er hægt að skrá lotu án þess.
ws-maker-gs1-no-expiry = Strengurinn hefur engan fyrningardag (17): ekki er hægt að skrá lotu án hans.

## Capacity
ws-maker-capacity-lead = Hve marga skammta af hverri vöru ykkar aðili getur framleitt á mánuði. Tölurnar eru opinberar, svo að vettvangurinn sjái framboðið sem er í vændum; ný tala fyrir sömu vöru og sama mánuð kemur í stað þeirrar fyrri.
ws-maker-capacity-caption = Mánaðarleg afkastageta ykkar
ws-maker-no-capacity = Ykkar aðili hefur enga afkastagetu gefið upp enn.
ws-maker-capacity-read-only = Aðeins fulltrúar framleiðanda gefa upp afkastagetu; hér getið þið skoðað hana.
ws-maker-capacity-new = Gefa upp afkastagetu mánaðar
ws-maker-capacity-set = Gefa upp afkastagetuna
ws-maker-field-month = Mánuður
ws-maker-hint-month = Ár og mánuður, til dæmis 2021-09.
ws-maker-field-capacity-doses = Skammtar í þeim mánuði
ws-maker-hint-capacity-doses = 0 ef varan er ekki framleidd þann mánuð.

## Offers
ws-maker-offers-lead = Tilboð ykkar um skammta, til eins lands eða einnar stofnunar eða til allra. Opið tilboð má draga til baka; hver samþykkt býr til undirritaðan samning, sem sést hér fyrir neðan.
ws-maker-offers-lead-others = Tilboð framleiðenda sem gerð eru ykkar aðila eða standa honum opin. Að taka skammta býr til undirritaðan afhendingarsamning, sem sést hér fyrir neðan.
ws-maker-no-offers = Engin tilboð enn.
ws-maker-offer-number = Tilboð { $id }
ws-maker-offer-to-all = Öll lönd og stofnanir
ws-maker-offer-new = Gera tilboð
ws-maker-offer-create = Gera tilboðið
ws-maker-field-doses-offered = Skammtar í boði
ws-maker-field-available-from = Afhendanlegt frá
ws-maker-field-available-to = Afhendanlegt til
ws-maker-hint-window = Mest { $days } dögum eftir fyrsta daginn.
ws-maker-field-price = Verð á skammt
ws-maker-hint-price = Tugabrot eins og 3,50, valfrjálst.
ws-maker-field-currency = Gjaldmiðill
ws-maker-hint-currency = Þrír bókstafir, til dæmis USD; nauðsynlegt með verði.
ws-maker-field-to = Til
ws-maker-field-doses-taken = Skammtar sem teknir eru
ws-maker-offer-accept = Samþykkja
ws-maker-offer-decline = Hafna
ws-maker-offer-withdraw = Draga til baka
ws-maker-agreements = Samningar sem urðu til úr tilboðum
ws-maker-agreement-number = Samningur { $id }
ws-maker-no-agreements = Enginn samningur hefur enn orðið til úr tilboði.

## Partnerships
ws-maker-partnerships-lead = Staðbundin framleiðsla samstarfsaðila á vöru framleiðanda, fyrir opnum tjöldum: hvor aðili sem er tekur hvert skref frá tillögu til framleiðslu, og hinum er sagt frá hverju skrefi.
ws-maker-no-partnerships = Ykkar aðili er ekki í neinu samstarfi enn.
ws-maker-partnership-number = Samstarf { $id }
ws-maker-partnership-new = Leggja til samstarf
ws-maker-partnership-propose = Leggja það til
ws-maker-field-partner = Samstarfsaðili
ws-maker-field-manufacturer = Framleiðandi
ws-maker-field-site = Staður
ws-maker-hint-site = Verksmiðja eða borg, til dæmis Dakar.
ws-maker-field-partnership-kind = Tegund
ws-maker-field-capacity-per-year = Skammtar á ári þegar framleiðsla er hafin

## What waits
ws-maker-waiting-offer-open = Tilboð { $offer } um { $product } er opið: { $left } ekki enn teknir, til { $until }
ws-maker-waiting-offer-to-answer = Tilboð { $offer } frá { $manufacturer }: { $left } af { $product }, til { $until }
ws-maker-waiting-partnership = { $party } leggur til samstarf um framleiðslu á { $product } í { $site }
ws-maker-waiting-lot-at-risk = Lota { $lot } af { $product }: { $at_risk } enn hjá ykkur renna út { $expiry }

## Errors
ws-maker-error-at-most = Sláið inn heiltölu sem er ekki hærri en { $maximum }.
ws-maker-error-product-code = Notið aðeins bókstafi, tölustafi, „-“, „_“ og „.“, mest 64 stafi.
ws-maker-error-product-exists = Vara með þennan kóða eða þetta GTIN er þegar til.
ws-maker-error-lot-number = Notið 1 til 20 prentanlega stafi, eins og á umbúðunum.
ws-maker-error-lot-exists = Þetta lotunúmer er þegar skráð fyrir þessa vöru.
ws-maker-error-expiry-past = Fyrningardagurinn { $expiry } er á undan deginum í dag ({ $today }): ekki er hægt að losa útrunna lotu.
ws-maker-error-expiry-far = Fyrningardagurinn er eftir { $latest }: athugið dagsetninguna.
ws-maker-error-month = Sláið inn mánuð eins og 2021-09, á milli 2000-01 og 2100-12.
ws-maker-error-window-order = Síðasti dagurinn er á undan þeim fyrsta.
ws-maker-error-window-long = Tímabilið má vara mest { $days } daga.
ws-maker-error-window-past = Síðasti dagurinn er á undan deginum í dag ({ $today }).
ws-maker-error-price = Sláið inn verð eins og 3,50: tugabrot frá 0 til 10000 með mest 4 aukastöfum.
ws-maker-error-currency = Sláið inn gjaldmiðil sem þrjá bókstafi, til dæmis USD.
ws-maker-error-currency-required = Verð þarf gjaldmiðil.
ws-maker-error-changed = Þetta er ekki lengur hægt: það breyttist í millitíðinni. Síðan sýnir það eins og það er núna.

## After a form
ws-done-maker-product-created = Vörunni var bætt við.
ws-done-maker-lot-registered = Lotan var skráð og skammtar hennar losaðir.
ws-done-maker-capacity-set = Afkastagetan var gefin upp.
ws-done-maker-offer-created = Tilboðið var gert.
ws-done-maker-offer-withdrawn = Tilboðið var dregið til baka.
ws-done-maker-offer-accepted = Skammtarnir voru samþykktir: undirritaður samningur varð til.
ws-done-maker-offer-declined = Tilboðinu var hafnað.
ws-done-maker-partnership-proposed = Samstarfið var lagt til.
ws-done-maker-partnership-moved = Samstarfið færðist á næsta stig.
ws-done-maker-partnership-abandoned = Hætt var við samstarfið.
