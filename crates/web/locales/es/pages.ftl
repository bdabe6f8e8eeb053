# Las páginas, un bloque cada una.

## Panel
dashboard-title = La equidad en vacunas de un vistazo
dashboard-lead = El { $date }, los países de ingreso bajo habían administrado { $low } dosis por cada 100 personas; los de ingreso alto, { $high }.
latest-title = Últimas cifras
latest-caption = Dosis administradas por cada 100 personas el { $date }
latest-note = Aquí se excluyen los dos últimos días de datos: muchos países informan con unos días de retraso.
col-group = Grupo
col-doses = Dosis administradas
col-population = Población
col-per-100 = Dosis por cada 100 personas
col-date = Día
coverage-title = Dosis por cada 100 personas según grupo de ingreso
coverage-desc = Dosis administradas acumuladas por cada 100 personas, del { $from } al { $to }, con la última cifra publicada de cada país.
fulfilment-title = Compromisos cumplidos
fulfilment-chart = Dosis comprometidas y entregadas, por donante
legend-pledged = Comprometidas
legend-delivered = Entregadas
col-donor = Donante
col-pledged = Dosis comprometidas
col-delivered = Dosis entregadas
col-kept = Parte entregada
fulfilment-none = Todavía no hay compromisos.
expiry-title = Dosis en riesgo de caducar
expiry-lead = { $doses } dosis de la plataforma caducarán antes de poder administrarse al ritmo reciente de quienes las tienen.
expiry-none = Ninguna dosis de la plataforma está en riesgo de caducar.
expiry-chart = Dosis en riesgo, por semana de caducidad
expiry-note = Totales de todos los tenedores; quién las tiene no es público.
col-week = Semana de caducidad (desde el lunes)
col-product = Producto
col-at-risk = Dosis en riesgo
rounds-title = Últimas rondas publicadas
rounds-none = Todavía no se ha publicado ninguna ronda.
round-item = Ronda { $id } de { $organization }, { $date }: { $doses } dosis para { $countries }

## Países
countries-title = Países
countries-lead = Dosis por cada 100 personas el { $date }. Ordene por columna o filtre por nombre o grupo de ingreso.
filter-name = El nombre contiene
filter-group = Grupo de ingreso
filter-any = Todos los grupos
filter-apply = Aplicar
filter-shown = Se muestran { $count }.
col-country = País
col-income-group = Grupo de ingreso
sort-ascending = orden ascendente
sort-descending = orden descendente
countries-empty = Ningún país coincide.

## País
country-lead = { $country }, { $group }: { $per100 } dosis por cada 100 personas el { $date }.
country-lead-unknown = { $country }: sin cifra de población, por lo tanto sin dosis por cada 100 personas.
country-chart = { $country } frente a su grupo de ingreso y el mundo
country-deliveries = Entregas a través de la plataforma
country-delivered = { $doses } dosis entregadas a través de Equidose hasta el { $date }.
country-no-deliveries = Todavía no se han entregado dosis a través de Equidose.
country-pledges = Compromisos recibidos
country-no-pledges = Todavía no hay compromisos con este país.
country-back = Volver a todos los países
col-due = Plazo
col-state = Estado

## Ronda
round-title = Ronda { $id } de { $organization }
round-lead = Asignación del { $date }: { $doses } dosis para { $countries }.
round-proposal = La propuesta
col-allocated = Dosis asignadas
col-before = Antes, por 100
col-after = Después, por 100
col-limited = Limitado por
col-response = Respuesta
limited-cap = su solicitud
limited-expiry = la caducidad
limited-level = el nivel equitativo
limited-supply = las dosis disponibles
response-accept = Aceptada
response-decline = Rechazada: { $reason }
response-none = Sin respuesta todavía
reason-short_shelf_life = vida útil demasiado corta
reason-no_cold_chain = sin cadena de frío
reason-insufficient_notice = aviso demasiado breve
reason-product_not_authorised = producto no autorizado
reason-no_absorption_capacity = no puede administrar más dosis
reason-other = otro motivo
reason-no_response = sin respuesta
round-chart = Cobertura antes y después de la ronda
legend-before = Antes
legend-after = Después
round-recompute = Compruébelo usted mismo
round-recompute-text = Descargue los datos de entrada de la ronda y ejecute el mismo motor:
round-input-link = Datos de entrada de la ronda (JSON)
round-not-found = Ninguna ronda publicada tiene este número.

## Compromisos
pledges-title = Compromisos
pledges-lead = Todos los compromisos hechos en la plataforma y las dosis entregadas por ellos.
col-recipient = Para
pledges-none = Todavía no hay compromisos.

## The policy simulator.
simulate-title = Simulador de políticas
simulate-lead = En agosto de 2021 la OMS pidió a los países ricos que suspendieran las dosis de refuerzo hasta que cada país hubiera vacunado al menos a la décima parte de su población, y que compartieran sus dosis. El simulador parte del estado real del mundo el { $date } y sigue tres políticas hasta el { $to }, repartiendo con el motor de asignación que usa la plataforma.
simulate-assumptions = Los demás supuestos son los del escenario de ejemplo: hasta { $doses } dosis producidas al mes hasta el { $date }, de las cuales el { $held } pertenece a contratos de los países más ricos y el resto va a un fondo común; { $primary } dosis por cada 100 personas para la pauta primaria.
policy-boosters-first = Primero los refuerzos
policy-boosters-first-text = Los titulares dan a su propia población la pauta primaria y un refuerzo, y solo ceden las dosis a punto de caducar.
policy-sharing = Moratoria y reparto
policy-sharing-text = Los titulares conservan dosis hasta la cobertura fijada abajo y ponen el resto en común; el fondo común se reparte cada semana.
policy-proportional = Según la población
policy-proportional-text = La producción de cada día se reparte entre todos los países según su población, desde el primer día.
simulate-form = Cambiar los supuestos
simulate-booster = Refuerzo, dosis por cada 100 personas
simulate-booster-hint = Lo que una campaña de refuerzo añade a la pauta primaria ({ $primary } por cada 100); los titulares vacunan hasta ambas antes de compartir.
simulate-keep = Lo que conservan los titulares, dosis por cada 100 personas
simulate-keep-hint = Durante la moratoria, los titulares conservan dosis hasta esta cobertura y comparten el resto.
simulate-lead-time = Plazo de entrega, en días
simulate-lead-time-hint = De la asignación a la llegada.
simulate-shelf-life = Vida útil mínima a la llegada, en días
simulate-shelf-life-hint = Los destinatarios rechazan las dosis a las que les quede menos vida útil al llegar.
simulate-group = Grupo mostrado
simulate-run = Ejecutar la simulación
simulate-errors = La simulación no se ejecutó: corrija los valores señalados abajo.
simulate-error-number = Introduzca un número de { $low } a { $high }.
simulate-error-days = Introduzca un número entero de días de { $low } a { $high }.
simulate-error-group = Elija uno de los grupos de la lista.
simulate-busy = El simulador está ocupado con las simulaciones de otros lectores. Inténtelo de nuevo en unos segundos.
simulate-running = La simulación todavía está en curso (tarda unos segundos); su resultado se guardará para usted.
simulate-retry = Mostrar los resultados
simulate-chart = Dosis por cada 100 personas con cada política: { $group }
simulate-chart-desc = Dosis administradas acumuladas por cada 100 personas, simuladas del { $from } al { $to }.
simulate-source = Fuente: el simulador de Equidose, a partir de la instantánea integrada de las cifras de Our World in Data, la ONU y el Banco Mundial del { $date }.
simulate-outcomes = Lo que da cada política: { $group }
col-policy = Política
simulate-col-reaches = Alcanza { $value } por cada 100
simulate-col-final = Por cada 100 al final
simulate-col-world = Mundo, por cada 100 al final
col-expired = Dosis caducadas sin usar
col-shared = Dosis compartidas
simulate-note = La simulación termina el { $date }; –: no alcanzado para entonces. Las dosis caducadas cuentan todas las dosis que caducaron sin usarse, dondequiera que estuvieran; las dosis compartidas son las asignadas en las rondas de reparto.

## The page of a forum meeting.
meeting-lead = Registrada por { $organization }, celebrada el { $date }, con { $parties }.
meeting-totals = { $promised } dosis prometidas, { $delivered } entregadas (cada dosis contada una vez).
meeting-outcomes = Los compromisos asumidos y su estado actual
meeting-chart = Dosis prometidas y entregadas, por compromiso
meeting-none = Todavía no hay ningún compromiso vinculado a esta reunión.
col-commitment = Compromiso
col-parties = Partes
col-promised = Prometidas
col-agreed = Acordadas
legend-promised = Prometidas
outcome-pledge = Promesa { $id }
outcome-offer = Oferta { $id }
outcome-agreement = Acuerdo { $id }
outcome-partnership = Asociación { $id }
outcome-stage = { $stage } ({ $capacity } dosis al año)
state-open = abierto
state-withdrawn = retirado
state-fulfilled = cumplido
state-accepted = aceptado
state-declined = rechazado
state-proposed = propuesto
state-signed = firmado
state-cancelled = cancelado
state-completed = completado
state-negotiating = en negociación
state-agreed = acordado
state-producing = en producción
state-abandoned = abandonado

## A round's certificate, checked without the engine.
round-check-text = O compruebe la asignación publicada sin confiar en el motor: descargue su respuesta y su certificado y ejecute el verificador independiente, que dice en una frase lo que falla, si algo falla:
round-answer-link = La respuesta del motor (JSON)
round-certificate-link = Su certificado (JSON)

## The dashboard's local-production pipeline and meetings.
pipeline-title = Producción local
pipeline-lead = Las asociaciones para envasar o fabricar vacunas donde hacen falta, por etapa.
col-stage = Etapa
col-partnerships = Asociaciones
col-capacity = Dosis al año
col-sites = Quién y dónde
meetings-title = Las reuniones del foro
meetings-none = Todavía no se ha registrado ninguna reunión.
meeting-item = { $title }, { $date }: { $promised } dosis prometidas, { $delivered } entregadas

## The round page's check, run in the reader's browser (check.js).
check-without-script = Con JavaScript, esta página hace las mismas comprobaciones en su navegador y dice aquí si se cumplen; sin JavaScript, ejecute la orden de arriba.
check-checking = Comprobando la respuesta y su certificado en su navegador…
check-passed = Comprobado en su navegador: la respuesta es factible día a día, asigna todas las dosis que podían asignarse ({ $doses } dosis) y ninguna dosis podría pasar a un destinatario peor cubierto sin dejar por debajo de él a quien la cede.
check-failed = La comprobación en su navegador ha fallado. Lo que encontró el verificador (en inglés, tal como lo escribe equidose check):
check-unreachable = La página no pudo obtener los tres archivos para comprobarlos ({ $reason }): ejecute la orden de arriba.
