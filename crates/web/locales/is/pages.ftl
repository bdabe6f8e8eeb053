# Síðurnar, ein blokk fyrir hverja.

## Yfirlit
dashboard-title = Jöfnuður í bólusetningum í hnotskurn
dashboard-lead = Þann { $date } höfðu lágtekjulönd gefið { $low } skammta á hverja 100 íbúa; hátekjulönd { $high }.
latest-title = Nýjustu tölur
latest-caption = Gefnir skammtar á hverja 100 íbúa þann { $date }
latest-note = Síðustu tveir dagar gagnanna eru ekki teknir með hér: mörg lönd skila tölum nokkrum dögum of seint.
col-group = Hópur
col-doses = Gefnir skammtar
col-population = Íbúafjöldi
col-per-100 = Skammtar á hverja 100 íbúa
col-date = Dagur
coverage-title = Skammtar á hverja 100 íbúa eftir tekjuhópum
coverage-desc = Uppsafnaðir gefnir skammtar á hverja 100 íbúa frá { $from } til { $to }; hvert land heldur síðustu tölu sinni.
fulfilment-title = Efnd loforð
fulfilment-chart = Lofaðir og afhentir skammtar eftir gjafa
legend-pledged = Lofað
legend-delivered = Afhent
col-donor = Gjafi
col-pledged = Lofaðir skammtar
col-delivered = Afhentir skammtar
col-kept = Hlutfall afhent
fulfilment-none = Engin loforð hafa enn verið gefin.
expiry-title = Skammtar sem gætu runnið út
expiry-lead = { $doses } skammtar á vettvanginum renna út áður en hægt er að gefa þá á núverandi hraða handhafa þeirra.
expiry-none = Engir skammtar á vettvanginum eru í hættu á að renna út.
expiry-chart = Skammtar í hættu eftir viku fyrningar
expiry-note = Samtölur allra handhafa; hver heldur á þeim er ekki opinbert.
col-week = Vika fyrningar (frá mánudegi)
col-product = Vara
col-at-risk = Skammtar í hættu
rounds-title = Nýjustu birtu úthlutunarlotur
rounds-none = Engin lota hefur enn verið birt.
round-item = Lota { $id } hjá { $organization }, { $date }: { $doses } skammtar til { $countries }

## Lönd
countries-title = Lönd
countries-lead = Skammtar á hverja 100 íbúa þann { $date }. Raðaðu eftir dálki eða síaðu eftir heiti eða tekjuhópi.
filter-name = Heiti inniheldur
filter-group = Tekjuhópur
filter-any = Allir hópar
filter-apply = Sía
filter-shown = Sýnd: { $count }.
col-country = Land
col-income-group = Tekjuhópur
sort-ascending = hækkandi röð
sort-descending = lækkandi röð
countries-empty = Ekkert land passar.

## Land
country-lead = { $country }, { $group }: { $per100 } skammtar á hverja 100 íbúa þann { $date }.
country-lead-unknown = { $country }: enginn íbúafjöldi skráður og því engir skammtar á hverja 100 íbúa.
country-chart = { $country } borið saman við tekjuhóp sinn og heiminn
country-deliveries = Afhendingar um vettvanginn
country-delivered = { $doses } skammtar afhentir um Equidose fyrir { $date }.
country-no-deliveries = Engir skammtar hafa enn verið afhentir um Equidose.
country-pledges = Loforð sem landið fékk
country-no-pledges = Engin loforð til þessa lands enn.
country-back = Aftur í öll lönd
col-due = Lokadagur
col-state = Staða

## Lota
round-title = Lota { $id } hjá { $organization }
round-lead = Úthlutun frá { $date }: { $doses } skammtar til { $countries }.
round-proposal = Tillagan
col-allocated = Úthlutaðir skammtar
col-before = Fyrir, á 100
col-after = Eftir, á 100
col-limited = Takmarkað af
col-response = Svar
limited-cap = beiðni þess
limited-expiry = fyrningu
limited-level = sanngjörnu marki
limited-supply = tiltækum skömmtum
response-accept = Samþykkt
response-decline = Hafnað: { $reason }
response-none = Ekkert svar enn
reason-short_shelf_life = of stuttur geymslutími
reason-no_cold_chain = engin kælikeðja
reason-insufficient_notice = of skammur fyrirvari
reason-product_not_authorised = varan hefur ekki leyfi
reason-no_absorption_capacity = getur ekki gefið fleiri skammta
reason-other = önnur ástæða
reason-no_response = ekkert svar
round-chart = Þekja fyrir og eftir lotuna
legend-before = Fyrir
legend-after = Eftir
round-recompute = Athugaðu sjálf(ur)
round-recompute-text = Sæktu inntak lotunnar og keyrðu sömu vél á það:
round-input-link = Inntak lotunnar (JSON)
round-not-found = Engin birt lota hefur þetta númer.

## Loforð
pledges-title = Loforð
pledges-lead = Öll loforð sem gefin hafa verið á vettvanginum og skammtarnir sem afhentir voru upp í þau.
col-recipient = Til
pledges-none = Engin loforð hafa enn verið gefin.

## The policy simulator.
simulate-title = Stefnuhermir
simulate-lead = Í ágúst 2021 bað WHO auðug ríki að gera hlé á örvunarskömmtum þar til hvert land hefði bólusett að minnsta kosti tíunda hluta íbúa sinna, og að deila skömmtum sínum. Hermirinn byrjar á raunverulegri stöðu heimsins { $date } og fylgir þremur stefnum til { $to }, og deilir með sömu úthlutunarvél og vettvangurinn notar.
simulate-assumptions = Aðrar forsendur eru úr dæmasviðsmyndinni: allt að { $doses } skammtar framleiddir á mánuði til { $date }, þar af { $held } í eigu samninga ríkari landa en afgangurinn fer í sameiginlegan sjóð; { $primary } skammtar á hverja 100 íbúa fyrir grunnbólusetningu.
policy-boosters-first = Örvunarskammtar fyrst
policy-boosters-first-text = Handhafar veita eigin íbúum grunnbólusetningu og örvunarskammt og láta aðeins frá sér skammta sem eru að renna út.
policy-sharing = Hlé og deiling
policy-sharing-text = Handhafar halda skömmtum upp að þeirri þekju sem sett er hér að neðan og leggja afganginn í sameiginlegan sjóð; sjóðnum er úthlutað vikulega.
policy-proportional = Eftir íbúafjölda
policy-proportional-text = Framleiðslu hvers dags er skipt milli allra landa eftir íbúafjölda, frá fyrsta degi.
simulate-form = Breyta forsendum
simulate-booster = Örvunarskammtur, skammtar á hverja 100 íbúa
simulate-booster-hint = Það sem örvunarherferð bætir við grunnbólusetningu ({ $primary } á hverja 100); handhafar bólusetja upp að hvoru tveggja áður en þeir deila.
simulate-keep = Það sem handhafar halda eftir, skammtar á hverja 100 íbúa
simulate-keep-hint = Meðan á hléi stendur halda handhafar skömmtum upp að þessari þekju og deila afganginum.
simulate-lead-time = Afhendingartími, dagar
simulate-lead-time-hint = Frá úthlutun til komu.
simulate-shelf-life = Lágmarksgeymsluþol við komu, dagar
simulate-shelf-life-hint = Viðtakendur hafna skömmtum sem eiga minna geymsluþol eftir við komu.
simulate-group = Hópur sem er sýndur
simulate-run = Keyra hermun
simulate-errors = Hermunin var ekki keyrð: leiðréttu gildin sem merkt eru hér að neðan.
simulate-error-number = Sláðu inn tölu frá { $low } til { $high }.
simulate-error-days = Sláðu inn heila tölu daga frá { $low } til { $high }.
simulate-error-group = Veldu einn af hópunum á listanum.
simulate-busy = Hermirinn er upptekinn við keyrslur annarra lesenda. Reyndu aftur eftir nokkrar sekúndur.
simulate-running = Hermunin er enn í gangi (keyrsla tekur nokkrar sekúndur); niðurstaðan verður geymd fyrir þig.
simulate-retry = Sýna niðurstöðurnar
simulate-chart = Skammtar á hverja 100 íbúa eftir stefnu: { $group }
simulate-chart-desc = Uppsafnaðir gefnir skammtar á hverja 100 íbúa, hermt frá { $from } til { $to }.
simulate-source = Heimild: hermir Equidose, út frá innbyggðri skyndimynd af tölum Our World in Data, SÞ og Alþjóðabankans { $date }.
simulate-outcomes = Hverju hver stefna skilar: { $group }
col-policy = Stefna
simulate-col-reaches = Nær { $value } á hverja 100
simulate-col-final = Á hverja 100 í lokin
simulate-col-world = Heimurinn, á hverja 100 í lokin
col-expired = Skammtar sem runnu út ónotaðir
col-shared = Skammtar sem var deilt
simulate-note = Hermuninni lýkur { $date }; –: ekki náð fyrir þann tíma. Útrunnir skammtar telja alla skammta sem runnu út ónotaðir, hvar sem þeir voru geymdir; deildir skammtar eru þeir sem úthlutað var í deilingarlotum.

## The page of a forum meeting.
meeting-lead = Skráður af { $organization }, haldinn { $date }, með { $parties }.
meeting-totals = { $promised } skammtar lofaðir, { $delivered } afhentir (hver skammtur talinn einu sinni).
meeting-outcomes = Skuldbindingarnar sem gerðar voru og staða þeirra nú
meeting-chart = Lofaðir og afhentir skammtar, eftir skuldbindingu
meeting-none = Engin skuldbinding hefur enn verið tengd þessum fundi.
col-commitment = Skuldbinding
col-parties = Aðilar
col-promised = Lofað
col-agreed = Samið
legend-promised = Lofað
outcome-pledge = Loforð { $id }
outcome-offer = Tilboð { $id }
outcome-agreement = Samningur { $id }
outcome-partnership = Samstarf { $id }
outcome-stage = { $stage } ({ $capacity } skammtar á ári)
state-open = opið
state-withdrawn = dregið til baka
state-fulfilled = efnt
state-accepted = samþykkt
state-declined = hafnað
state-proposed = lagt til
state-signed = undirritað
state-cancelled = fellt niður
state-completed = lokið
state-negotiating = í viðræðum
state-agreed = samið
state-producing = í framleiðslu
state-abandoned = hætt við

## A round's certificate, checked without the engine.
round-check-text = Eða sannreyndu birtu úthlutunina án þess að treysta vélinni: sæktu svar hennar og vottorð og keyrðu óháða prófarann, sem segir í einni setningu hvað bregst, ef eitthvað:
round-answer-link = Svar vélarinnar (JSON)
round-certificate-link = Vottorð þess (JSON)

## The dashboard's local-production pipeline and meetings.
pipeline-title = Framleiðsla heima fyrir
pipeline-lead = Samstarf um að fylla á og ganga frá bóluefnum, eða framleiða þau, þar sem þeirra er þörf, eftir stigum.
col-stage = Stig
col-partnerships = Samstarf
col-capacity = Skammtar á ári
col-sites = Hver og hvar
meetings-title = Fundir vettvangsins
meetings-none = Enginn fundur hefur enn verið skráður.
meeting-item = { $title }, { $date }: { $promised } skammtar lofaðir, { $delivered } afhentir

## The round page's check, run in the reader's browser (check.js).
check-without-script = Með JavaScript keyrir þessi síða sömu prófanir í vafranum þínum og segir hér hvort þær standast; án JavaScript skaltu keyra skipunina hér að ofan.
check-checking = Svarið og vottorð þess eru sannreynd í vafranum þínum…
check-passed = Sannreynt í vafranum þínum: svarið er framkvæmanlegt dag fyrir dag, það úthlutar öllum skömmtum sem hægt var að úthluta (skammtar alls: { $doses }), og enginn skammtur gæti færst til viðtakanda sem stendur verr án þess að sá sem lætur hann af hendi endi fyrir neðan hann.
check-failed = Sannprófunin í vafranum þínum mistókst. Það sem prófarinn fann (á ensku, eins og equidose check skrifar það):
check-unreachable = Síðan gat ekki sótt skrárnar þrjár til að sannreyna þær ({ $reason }): keyrðu skipunina hér að ofan.
