# Vinnusvæði innskráðra notenda: innskráning, umgjörðin, eyðublöð og villur þeirra.
ws-sign-in = Skrá inn
ws-sign-in-lead = Fulltrúar landa, framleiðenda og stofnana skrá sig inn hér til að svara úthlutunarlotum, staðfesta sendingar, skrá framleiðslulotur og eiga samskipti við aðra aðila.
ws-field-email = Netfang
ws-field-password = Lykilorð
ws-sign-out = Skrá út
ws-signed-in-as = { $email } ({ $party }, { $role })
ws-nav-label = Vinnusvæði
ws-home = Vinnusvæðið þitt
ws-nav-home = Forsíða
ws-nav-requests = Beiðnir
ws-nav-shares = Hlutdeild í lotum
ws-nav-shipments = Sendingar
ws-nav-stock = Birgðir
ws-nav-administration = Bólusetningar
ws-nav-products = Vörur
ws-nav-lots = Framleiðslulotur
ws-nav-capacity = Framleiðslugeta
ws-nav-offers = Tilboð
ws-nav-partnerships = Samstarf
ws-nav-rounds = Lotur
ws-nav-meetings = Fundir
ws-nav-pledges = Loforð
ws-nav-threads = Skilaboð
ws-nav-notifications = Tilkynningar
ws-nav-parties = Aðilar
ws-nav-users = Notendur
ws-unread = { PLURAL($n) ->
    [one] { $n } ólesið
   *[other] { $n } ólesin
}
ws-role-official = fulltrúi
ws-role-viewer = lesandi
ws-role-admin = stjórnandi
ws-kind-country = Land
ws-kind-manufacturer = Framleiðandi
ws-kind-organization = Stofnun
ws-party = Aðili
ws-party-kind = Tegund aðila
ws-role = Hlutverk
ws-waiting = Það sem bíður þín
ws-waiting-messages = { PLURAL($n) ->
    [one] { $n } ólesin skilaboð
   *[other] { $n } ólesin skilaboð
}
ws-waiting-notifications = { PLURAL($n) ->
    [one] { $n } ólesin tilkynning
   *[other] { $n } ólesnar tilkynningar
}
ws-nothing-waiting = Ekkert bíður þín núna.
ws-your-pages = Síðurnar þínar
ws-mark-all-read = Merkja allt sem lesið
ws-read = Lesin
ws-unread-state = Ólesin
ws-col-event = Atburður
ws-col-summary = Lýsing
ws-col-when = Hvenær
ws-col-state = Staða
ws-col-actions = Aðgerðir
ws-no-notifications = Engar tilkynningar enn.
ws-done-read = Merkt sem lesið.
ws-error-required = Fylltu út þennan reit.
ws-error-positive = Sláðu inn heila tölu, 1 eða hærri.
ws-error-count = Sláðu inn heila tölu, 0 eða hærri.
ws-error-day = Sláðu inn dagsetningu á forminu 2021-08-04.
ws-error-choice = Veldu einn af valkostunum sem í boði eru.
ws-error-denied = Hlutverk þitt leyfir þetta ekki.
ws-error-not-found = Þetta er ekki lengur til, eða þú hefur ekki aðgang að því.
ws-error-signed-out = Setunni þinni er lokið; skráðu þig inn aftur.
ws-error-internal = Vettvangurinn gat ekki gert þetta núna; reyndu aftur eftir smástund.
ws-error-credentials = Netfangið eða lykilorðið er rangt, eða notandinn hefur verið gerður óvirkur.
ws-error-credentials-missing = Sláðu inn netfangið þitt og lykilorðið.
ws-error-throttled = Of margar misheppnaðar innskráningartilraunir: bíddu smástund áður en þú reynir aftur.
ws-rule-form-sent-with-other-values = Þetta eyðublað var þegar sent með öðrum gildum; opnaðu síðuna aftur.
ws-rule-request-in-flight = Enn er verið að vinna úr þessu eyðublaði; bíddu smástund.
ws-event-round-published = Lota var birt
ws-event-round-response = Land svaraði varðandi hlutdeild sína
ws-event-round-closed = Lotu var lokað
ws-event-shipment-dispatched = Sending var send af stað
ws-event-shipment-delivered = Sending var afhent
ws-event-expiry-proposed = Tillaga um skammta sem gætu runnið út
ws-event-message-created = Ný skilaboð
ws-event-offer-created = Nýtt tilboð
ws-event-agreement-signed = Samningur var undirritaður
ws-event-partnership-stage = Samstarf færðist á næsta stig
ws-error-conflict = Þetta breyttist á meðan: staða þess leyfir þetta ekki lengur. Síðan sýnir það eins og það er núna.
ws-error-check-form = Sumir reitir þarfnast athygli þinnar.
