# Страницы, по блоку на каждую.

## Обзор
dashboard-title = Равенство в вакцинации с первого взгляда
dashboard-lead = На { $date } страны с низким доходом ввели { $low } доз на 100 человек, страны с высоким доходом — { $high }.
latest-title = Последние данные
latest-caption = Введено доз на 100 человек на { $date }
latest-note = Последние два дня данных здесь не учитываются: многие страны отчитываются с опозданием на несколько дней.
col-group = Группа
col-doses = Введено доз
col-population = Население
col-per-100 = Доз на 100 человек
col-date = День
coverage-title = Доз на 100 человек по группам доходов
coverage-desc = Введено доз на 100 человек нарастающим итогом с { $from } по { $to }; для каждой страны берётся её последний отчёт.
fulfilment-title = Выполненные обязательства
fulfilment-chart = Обещанные и доставленные дозы по донорам
legend-pledged = Обещано
legend-delivered = Доставлено
col-donor = Донор
col-pledged = Обещано доз
col-delivered = Доставлено доз
col-kept = Доля доставленного
fulfilment-none = Обязательств пока нет.
expiry-title = Дозы под угрозой истечения срока годности
expiry-lead = { $doses } доз на платформе истекут раньше, чем их успеют ввести при нынешнем темпе их держателей.
expiry-none = На платформе нет доз под угрозой истечения срока годности.
expiry-chart = Дозы под угрозой по неделе истечения срока
expiry-note = Итоги по всем держателям; кто их держит, не публикуется.
col-week = Неделя истечения срока (с понедельника)
col-product = Препарат
col-at-risk = Доз под угрозой
rounds-title = Последние опубликованные раунды
rounds-none = Ни один раунд ещё не опубликован.
round-item = Раунд { $id } организации { $organization }, { $date }: { $doses } доз для: { $countries }

## Страны
countries-title = Страны
countries-lead = Доз на 100 человек на { $date }. Сортируйте по столбцу или отбирайте по названию и группе доходов.
filter-name = Название содержит
filter-group = Группа доходов
filter-any = Все группы
filter-apply = Применить
filter-shown = Показано: { $count }.
col-country = Страна
col-income-group = Группа доходов
sort-ascending = по возрастанию
sort-descending = по убыванию
countries-empty = Подходящих стран нет.

## Страна
country-lead = { $country }, { $group }: { $per100 } доз на 100 человек на { $date }.
country-lead-unknown = { $country }: нет данных о населении, поэтому нет доз на 100 человек.
country-chart = { $country } в сравнении с её группой доходов и миром
country-deliveries = Поставки через платформу
country-delivered = Через Equidose доставлено { $doses } доз на { $date }.
country-no-deliveries = Через Equidose дозы пока не доставлялись.
country-pledges = Полученные обязательства
country-no-pledges = Обязательств перед этой страной пока нет.
country-back = Назад ко всем странам
col-due = Срок
col-state = Состояние

## Раунд
round-title = Раунд { $id } организации { $organization }
round-lead = Распределение на { $date }: { $doses } доз для: { $countries }.
round-proposal = Предложение
col-allocated = Выделено доз
col-before = До, на 100
col-after = После, на 100
col-limited = Ограничено
col-response = Ответ
limited-cap = её запросом
limited-expiry = сроком годности
limited-level = справедливым уровнем
limited-supply = доступными дозами
response-accept = Принято
response-decline = Отклонено: { $reason }
response-none = Ответа пока нет
reason-short_shelf_life = слишком короткий срок годности
reason-no_cold_chain = нет холодовой цепи
reason-insufficient_notice = слишком мало времени на подготовку
reason-product_not_authorised = препарат не разрешён
reason-no_absorption_capacity = нет возможности ввести больше доз
reason-other = другая причина
reason-no_response = нет ответа
round-chart = Охват до и после раунда
legend-before = До
legend-after = После
round-recompute = Проверьте сами
round-recompute-text = Скачайте входные данные раунда и запустите тот же алгоритм:
round-input-link = Входные данные раунда (JSON)
round-not-found = Опубликованного раунда с таким номером нет.

## Обязательства
pledges-title = Обязательства
pledges-lead = Все обязательства, взятые на платформе, и дозы, доставленные по ним.
col-recipient = Кому
pledges-none = Обязательств пока нет.

## The policy simulator.
simulate-title = Моделирование политик
simulate-lead = В августе 2021 года ВОЗ призвала богатые страны приостановить ревакцинацию, пока каждая страна не привьёт хотя бы десятую часть населения, и поделиться дозами. Модель исходит из реального положения в мире на { $date } и прослеживает три политики до { $to }, распределяя дозы тем же механизмом, что и платформа.
simulate-assumptions = Остальные допущения взяты из примера сценария: до { $doses } доз в месяц до { $date }, из них { $held } принадлежат по контрактам более богатым странам, а остальное поступает в общий фонд; { $primary } доз на 100 человек на первичный курс.
policy-boosters-first = Сначала ревакцинация
policy-boosters-first-text = Держатели дают своему населению первичный курс и бустерную дозу и отдают только дозы, срок годности которых вот-вот истечёт.
policy-sharing = Мораторий и совместное использование
policy-sharing-text = Держатели оставляют себе дозы до охвата, заданного ниже, а остальное передают в общий фонд; фонд распределяется каждую неделю.
policy-proportional = По численности населения
policy-proportional-text = Производство каждого дня с первого же дня делится между всеми странами пропорционально населению.
simulate-form = Изменить допущения
simulate-booster = Ревакцинация, доз на 100 человек
simulate-booster-hint = Сколько добавляет кампания ревакцинации к первичному курсу ({ $primary } на 100); держатели прививают до обоих уровней, прежде чем делиться.
simulate-keep = Сколько оставляют себе держатели, доз на 100 человек
simulate-keep-hint = Во время моратория держатели оставляют себе дозы до этого охвата и делятся остальным.
simulate-lead-time = Срок доставки, дней
simulate-lead-time-hint = От распределения до прибытия.
simulate-shelf-life = Минимальный остаточный срок годности при прибытии, дней
simulate-shelf-life-hint = Получатели отказываются от доз, у которых при прибытии остаётся меньший срок годности.
simulate-group = Показанная группа
simulate-run = Запустить моделирование
simulate-errors = Моделирование не запущено: исправьте отмеченные ниже значения.
simulate-error-number = Введите число от { $low } до { $high }.
simulate-error-days = Введите целое число дней от { $low } до { $high }.
simulate-error-group = Выберите одну из групп списка.
simulate-busy = Модель занята расчётами других читателей. Повторите попытку через несколько секунд.
simulate-running = Моделирование ещё идёт (расчёт занимает несколько секунд); результат будет сохранён для вас.
simulate-retry = Показать результаты
simulate-chart = Доз на 100 человек при каждой политике: { $group }
simulate-chart-desc = Накопленное число введённых доз на 100 человек, смоделированное с { $from } по { $to }
simulate-source = Источник: модель Equidose на встроенном снимке данных Our World in Data, ООН и Всемирного банка на { $date }
simulate-outcomes = Что даёт каждая политика: { $group }
col-policy = Политика
simulate-col-reaches = Достигает { $value } на 100
simulate-col-final = На 100 человек в конце
simulate-col-world = Мир, на 100 человек в конце
col-expired = Просрочено без использования, доз
col-shared = Передано, доз
simulate-note = Моделирование заканчивается { $date }; –: к этому дню не достигнуто. Просроченные дозы — все дозы, срок годности которых истёк до использования, у кого бы они ни хранились; переданные дозы — распределённые в раундах совместного использования.

## The page of a forum meeting.
meeting-lead = Записано: { $organization }; дата: { $date }; участники: { $parties }.
meeting-totals = Обещано доз: { $promised }, поставлено: { $delivered } (каждая доза учтена один раз).
meeting-outcomes = Принятые обязательства и их текущее состояние
meeting-chart = Обещанные и поставленные дозы по обязательствам
meeting-none = К этой встрече пока не привязано ни одного обязательства.
col-commitment = Обязательство
col-parties = Стороны
col-promised = Обещано
col-agreed = Согласовано
legend-promised = Обещано
outcome-pledge = Обещание { $id }
outcome-offer = Предложение { $id }
outcome-agreement = Соглашение { $id }
outcome-partnership = Партнёрство { $id }
outcome-stage = { $stage } ({ $capacity } доз в год)
state-open = открыто
state-withdrawn = отозвано
state-fulfilled = выполнено
state-accepted = принято
state-declined = отклонено
state-proposed = предложено
state-signed = подписано
state-cancelled = отменено
state-completed = исполнено
state-negotiating = переговоры
state-agreed = согласовано
state-producing = производство
state-abandoned = прекращено

## A round's certificate, checked without the engine.
round-check-text = Или проверьте опубликованное распределение, не доверяя движку: скачайте его ответ и сертификат и запустите независимую проверку, которая одной фразой скажет, что не так, если что-то не так:
round-answer-link = Ответ движка (JSON)
round-certificate-link = Его сертификат (JSON)

## The dashboard's local-production pipeline and meetings.
pipeline-title = Местное производство
pipeline-lead = Партнёрства по розливу или производству вакцин там, где они нужны, по этапам.
col-stage = Этап
col-partnerships = Партнёрства
col-capacity = Доз в год
col-sites = Кто и где
meetings-title = Встречи форума
meetings-none = Пока не записано ни одной встречи.
meeting-item = { $title }, { $date }: обещано доз { $promised }, поставлено { $delivered }

## The round page's check, run in the reader's browser (check.js).
check-without-script = С JavaScript эта страница выполняет те же проверки в вашем браузере и сообщает здесь, выполнены ли они; без JavaScript запустите команду выше.
check-checking = Проверка ответа и его сертификата в вашем браузере…
check-passed = Проверено в вашем браузере: ответ выполним день за днём, он распределяет все дозы, которые можно было распределить (всего доз: { $doses }), и ни одна доза не может перейти к получателю с меньшим охватом, не оставив отдающего ниже него.
check-failed = Проверка в вашем браузере не пройдена. Что нашла проверка (по-английски, как пишет equidose check):
check-unreachable = Странице не удалось загрузить три файла для проверки ({ $reason }): запустите команду выше.
