# Leið skammtanna í vinnusvæðunum: beiðnir lands, hlutdeild þess í lotum og skýrslur um gefna skammta, sendingar og birgðir hvers handhafa.
ws-country-expiry = { $date } ({ PLURAL($n) ->
    [one] eftir { $n } dag
   *[other] eftir { $n } daga
})
ws-country-expired = { $date } (útrunnin)
ws-country-viewer-reads = Þú lest þessa síðu sem áhorfandi: aðeins fulltrúar aðilans aðhafast hér.
ws-country-rule-invalid-state = Þetta hefur breyst á meðan: síðan sýnir nú hvar það stendur.
ws-country-rule-already-answered = Landið þitt hefur þegar svarað þessari hlutdeild: eitt svar fyrir hverja hlutdeild.
ws-country-rule-insufficient-balance = Fleiri skammtar en landið þitt á tiltæka úr þessari framleiðslulotu.
ws-country-rule-lot-expired = Þessi framleiðslulota er útrunnin: ekki er lengur hægt að flytja skammta hennar.
ws-country-waiting-share = Lota { $id } hjá { $organization }: hlutdeild þín, { $doses } skammtar, bíður svars þíns
ws-country-waiting-dispatch = { PLURAL($n) ->
    [one] { $n } sending bíður þess að vera send af stað
   *[other] { $n } sendingar bíða þess að vera sendar af stað
}
ws-country-waiting-confirm = { PLURAL($n) ->
    [one] { $n } sending á leiðinni: staðfestu móttöku hennar
   *[other] { $n } sendingar á leiðinni: staðfestu móttöku þeirra
}
ws-country-waiting-risk = { PLURAL($n) ->
    [one] { $n } framleiðslulota með { $doses } skammta sem gætu runnið út ónotaðir
   *[other] { $n } framleiðslulotur með { $doses } skammta sem gætu runnið út ónotaðir
}
ws-country-col-lot = Framleiðslulota
ws-country-col-doses = Skammtar
ws-country-col-expiry = Fyrnist
ws-country-col-note = Athugasemd
# Beiðnir.
ws-country-requests-lead = Biddu stofnanirnar um skammta: loturnar þjóna opnum beiðnum og síðan bíður hlutdeild lands þíns svars þíns.
ws-country-requests-yours = Beiðnir þínar
ws-country-requests-none = Landið þitt hefur enga beiðni enn.
ws-country-request = Beiðni { $id }
ws-country-withdraw = Draga til baka
ws-country-any-product = hvaða vara sem er
ws-country-col-request = Beiðni
ws-country-col-asked = Umbeðnir skammtar
ws-country-col-allocated = Úthlutað
ws-country-col-delivered = Afhent
ws-country-col-needed-by = Þarf fyrir
ws-country-col-shelf-life = Geymslutími við komu, dagar
ws-country-col-absorption = Skammtar á dag
ws-country-col-products = Vörur
ws-country-request-legend = Biðja um skammta
ws-country-request-create = Senda beiðnina
ws-country-field-doses = Skammtar
ws-country-field-doses-hint = Hve marga skammta landið þitt biður um.
ws-country-field-needed-by = Þarf fyrir
ws-country-field-products = Vörur sem leyfðar eru í landinu þínu
ws-country-field-products-hint = Hakaðu ekki við neitt til að taka við hvaða vöru sem er.
ws-country-field-shelf-life = Geymslutími sem eftir er við komu, í dögum
ws-country-field-shelf-life-hint = Valfrjálst; framleiðslulotum sem fyrnast fyrr er ekki úthlutað til þín.
ws-country-field-absorption = Skammtar sem landið þitt getur gefið á dag
ws-country-field-absorption-hint = Valfrjálst; án þess er nýlegur hraði þinn notaður.
ws-country-field-lead-time = Afhendingartími, í dögum
ws-country-field-lead-time-hint = Valfrjálst; dagar frá lotu til komu skammtanna.
ws-country-field-target = Markmið, skammtar á hverja 100 íbúa
ws-country-field-target-hint = Valfrjálst; til dæmis 40 eða 52,5.
ws-country-field-note = Athugasemd til stofnananna
ws-country-error-past = Þessi dagur er liðinn: tilgreindu dag frá og með deginum í dag.
ws-country-error-target = Sláðu inn tölu yfir 0 og í mesta lagi 1.000, til dæmis 40 eða 52,5.
ws-done-country-request-created = Beiðnin þín er send; stofnanirnar geta þjónað henni í næstu lotu sinni.
ws-done-country-request-withdrawn = Beiðnin er dregin til baka.
# Hlutdeild í lotum.
ws-country-shares-lead = Þegar stofnun birtir lotu bíður hlutdeild lands þíns svars þíns hér. Að samþykkja skipuleggur sendingarnar; að hafna skilar skömmtunum í sameiginlega sjóðinn fyrir önnur lönd.
ws-country-shares-awaiting = Bíður svars þíns
ws-country-shares-none-awaiting = Engin hlutdeild bíður svars þíns.
ws-country-shares-answered = Svaraðar hlutdeildir
ws-country-shares-none-answered = Engri hlutdeild svarað enn.
ws-country-share-heading = Lota { $id } hjá { $organization }, { $date }
ws-country-share-doses = Skammtar sem landinu þínu bjóðast
ws-country-share-coverage = Skammtar á hverja 100 íbúa
ws-country-share-coverage-value = { $from } fyrir, { $to } eftir
ws-country-share-request = Beiðnin sem hún þjónar
ws-country-share-request-value = Beiðni { $id }: { $doses } skammtar sem þarf fyrir { $date }
ws-country-share-lots = Framleiðslulotur hlutdeildar þinnar í lotu { $id }
ws-country-share-no-lots = Engin framleiðslulota: þessi hlutdeild hefur enga skammta.
ws-country-col-holder = Í vörslu
ws-country-below-shelf-life = styttri geymslutími en beiðni þín krefst
ws-country-col-round = Lota
ws-country-round = Lota { $id } hjá { $organization }
ws-country-accept-legend = Samþykkja hlutdeildina
ws-country-accept = Samþykkja
ws-country-decline-legend = Eða hafna henni og segja hvers vegna
ws-country-decline = Hafna
ws-country-field-reason = Ástæða
ws-country-choose-reason = Veldu ástæðu
ws-country-field-answer-note = Athugasemd
ws-country-field-answer-note-hint = Skylda með „önnur ástæða“.
ws-country-error-note-other = Segðu hver hin ástæðan er.
ws-done-country-share-accepted = Hlutdeildin er samþykkt: sendingar hennar eru skipulagðar.
ws-done-country-share-declined = Hlutdeildinni er hafnað: skammtar hennar fara aftur í sameiginlega sjóðinn.
# Sendingar.
ws-country-shipments-lead = Sendingarnar sem aðilinn þinn sendir og tekur við. Handhafinn sendir skipulagða sendingu af stað (eða hættir við hana); viðtakandinn staðfestir sendingu á leiðinni þegar hún berst.
ws-country-shipments-incoming = Á leið til þín
ws-country-shipments-outgoing = Sendar af þér
ws-country-shipments-none-incoming = Engin sending er á leið til aðilans þíns.
ws-country-shipments-none-outgoing = Aðilinn þinn sendir enga sendingu.
ws-country-shipments-incoming-caption = Sendingar til aðilans þíns, nýjustu fyrst
ws-country-shipments-outgoing-caption = Sendingar frá aðilanum þínum, nýjustu fyrst
ws-country-shipment = Sending { $id }
ws-country-col-shipment = Sending
ws-country-col-from = Frá
ws-country-col-to = Til
ws-country-col-linked = Vegna
ws-country-col-updated = Síðasta breyting
ws-country-shipment-planned = skipulögð
ws-country-shipment-in-transit = á leiðinni
ws-country-shipment-delivered = afhent
ws-country-shipment-cancelled = hætt við
ws-country-shipment-dispatch = Senda af stað
ws-country-shipment-confirm = Staðfesta móttöku
ws-country-shipment-cancel = Hætta við
ws-country-link-round = lota { $id }
ws-country-link-request = beiðni { $id }
ws-country-link-pledge = loforð { $id }
ws-country-link-agreement = samningur { $id }
ws-done-country-shipment-dispatched = Sendingin er farin af stað: skammtar hennar eru á leiðinni.
ws-done-country-shipment-confirmed = Móttaka er staðfest: skammtarnir eru í birgðum þínum.
ws-done-country-shipment-cancelled = Hætt er við sendinguna: skammtar hennar eru tiltækir á ný.
# Birgðir.
ws-country-stock-lead = Skammtar aðilans þíns eftir framleiðslulotum, þeir sem fyrnast fyrst efst.
ws-country-stock-by-lot = Skammtar eftir framleiðslulotum
ws-country-stock-none = Aðilinn þinn á enga skammta.
ws-country-col-available = Tiltækir
ws-country-col-reserved = Fráteknir
ws-country-col-in-transit = Á leið til þín
ws-country-col-administered = Gefnir
ws-country-col-at-risk = Í hættu
ws-country-at-risk = Skammtar sem gætu runnið út
ws-country-at-risk-none = Engir skammtar eru í hættu á að renna út ónotaðir.
ws-country-at-risk-lead = Á hraða þínum, { $value } skömmtum á dag, og með því að nota fyrst það sem fyrnist fyrst, myndu þessir skammtar renna út ónotaðir. Bjóddu þá stofnun: hún setur þá í lotu fyrir lönd sem geta notað þá í tæka tíð.
ws-country-propose-legend = Framleiðslulota { $value }: { $doses } skammtar í hættu, fyrnist { $date }
ws-country-propose = Bjóða til endurúthlutunar
ws-country-field-doses-proposed = Skammtar sem boðnir eru
ws-country-field-doses-proposed-hint = Þú átt { $doses } tiltæka skammta úr þessari framleiðslulotu.
ws-country-field-organization = Stofnun
ws-country-choose-organization = Veldu stofnun
ws-country-error-more-than-available = Fleiri skammtar en þú átt tiltæka úr þessari framleiðslulotu.
ws-country-proposals = Tillögur þínar um endurúthlutun
ws-country-already-proposed = { $doses } skammtar úr henni eru þegar boðnir í lotum sem ekki hafa verið birtar.
ws-done-country-proposed = Skammtarnir eru boðnir: stofnunin hefur drög að lotu sem geymir þá.
# Gefnir skammtar.
ws-country-administration-lead = Tilkynntu skammtana sem landið þitt gaf úr hverri framleiðslulotu. Skýrslur þínar ákvarða notkunarhraða þinn, sem skammtar í hættu eru reiknaðir út frá.
ws-country-administered-recently = { PLURAL($n) ->
    [one] Skammtar gefnir síðasta { $n } dag
   *[other] Skammtar gefnir síðustu { $n } daga
}
ws-country-administer-legend = Tilkynna gefna skammta
ws-country-administer = Tilkynna
ws-country-field-lot = Framleiðslulota
ws-country-choose-lot = Veldu framleiðslulotu
ws-country-lot-option = { $value }: { $doses } tiltækir, fyrnist { $date }
ws-country-field-doses-administered = Gefnir skammtar
ws-country-field-report-note = Athugasemd
ws-country-field-report-note-hint = Valfrjálst; til dæmis átakið eða svæðið.
ws-country-nothing-to-administer = Landið þitt á enga tiltæka skammta til að tilkynna.
ws-country-reports = Skýrslur þínar um gefna skammta
ws-country-reports-none = Engin skýrsla enn.
ws-done-country-administered = Skýrslan er skráð.
