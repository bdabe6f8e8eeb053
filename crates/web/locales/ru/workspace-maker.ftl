# A manufacturer's workspace: products, lots (by fields or from a GS1 string), capacity,
# offers and the agreements they made, local-production partnerships.
ws-maker-choose = Выберите…
ws-maker-doses = { PLURAL($n) ->
    [one] { $doses } доза
    [few] { $doses } дозы
    [many] { $doses } доз
   *[other] { $doses } дозы
}
ws-maker-days = { PLURAL($n) ->
    [one] { $days } день
    [few] { $days } дня
    [many] { $days } дней
   *[other] { $days } дня
}
ws-maker-window = с { $from } по { $to }

## Columns
ws-maker-col-product = Продукт
ws-maker-col-name = Название
ws-maker-col-doses-per-course = Доз на курс
ws-maker-col-storage = Хранение
ws-maker-col-shelf-life = Срок годности
ws-maker-col-gtin = GTIN
ws-maker-col-lot = Номер серии
ws-maker-col-serial = Серийный номер
ws-maker-col-expiry = Годен до
ws-maker-col-doses-released = Выпущено доз
ws-maker-col-doses-available = Доступно у вас
ws-maker-col-month = Месяц
ws-maker-col-doses = Дозы
ws-maker-col-stated = Заявлено
ws-maker-col-offer = Предложение
ws-maker-col-manufacturer = Производитель
ws-maker-col-doses-offered = Предложено доз
ws-maker-col-doses-left = Осталось доз
ws-maker-col-window = Доступно
ws-maker-col-price = Цена за дозу
ws-maker-col-to = Кому
ws-maker-col-agreement = Соглашение
ws-maker-col-supplier = Поставщик
ws-maker-col-recipient = Получатель
ws-maker-col-doses-delivered = Доставлено доз
ws-maker-col-with = Другая сторона
ws-maker-col-partnership = Партнёрство
ws-maker-col-site = Площадка
ws-maker-col-kind = Вид
ws-maker-col-capacity-per-year = Доз в год
ws-maker-col-stage = Этап

## Names of values
ws-maker-storage-2-8c = В холодильнике, от 2 до 8 °C
ws-maker-storage-20c = Замороженный, −20 °C
ws-maker-storage-70c = Глубокая заморозка, −70 °C
ws-maker-offer-state-open = Открыто
ws-maker-offer-state-accepted = Разобрано полностью
ws-maker-offer-state-declined = Отклонено
ws-maker-offer-state-withdrawn = Отозвано
ws-maker-agreement-state-proposed = Предложено
ws-maker-agreement-state-signed = Подписано
ws-maker-agreement-state-cancelled = Отменено
ws-maker-agreement-state-completed = Исполнено
ws-maker-partnership-kind-fill-finish = Розлив и упаковка
ws-maker-partnership-kind-technology-transfer = Передача технологии
ws-maker-partnership-stage-proposed = Предложено
ws-maker-partnership-stage-negotiating = Идут переговоры
ws-maker-partnership-stage-agreed = Согласовано
ws-maker-partnership-stage-producing = Производство идёт
ws-maker-partnership-stage-abandoned = Прекращено
ws-maker-partnership-action-negotiate = Начать переговоры
ws-maker-partnership-action-agree = Согласовать
ws-maker-partnership-action-start-production = Начать производство
ws-maker-partnership-action-abandon = Прекратить

## Products
ws-maker-products-lead = Вакцины, которые производит ваша сторона. Серия, вставленная строкой GS1, находит свой продукт по указанному здесь GTIN.
ws-maker-products-caption = Ваши продукты
ws-maker-no-products = У вашей стороны пока нет продуктов.
ws-maker-products-read-only = Продукты добавляют только должностные лица производителя; здесь их можно просмотреть.
ws-maker-product-new = Добавить продукт
ws-maker-product-create = Добавить продукт
ws-maker-field-product-code = Код продукта
ws-maker-hint-product-code = Буквы, цифры, «-», «_» и «.», например AZD1222.
ws-maker-field-product-name = Название
ws-maker-field-doses-per-course = Доз на полный курс
ws-maker-field-storage = Хранение
ws-maker-field-shelf-life-days = Срок годности в днях
ws-maker-field-gtin = GTIN
ws-maker-hint-gtin = Номер под штрихкодом упаковки: 14 цифр (8, 12 или 13 цифр дополняются). Необязательно.

## Lots
ws-maker-lots-yours = Ваши серии
ws-maker-lots-caption = Ваши серии, сначала новые
ws-maker-no-lots = Ваша сторона ещё не зарегистрировала ни одной серии.
ws-maker-lots-read-only = Серии регистрируют только должностные лица производителя; здесь их можно просмотреть.
ws-maker-lot-new = Зарегистрировать серию
ws-maker-lot-new-lead = Вставьте строку GS1, напечатанную на упаковке, или заполните поля серии. Регистрация серии выпускает её дозы в ваш доступный запас.
ws-maker-lot-by-gs1 = По строке GS1 с упаковки
ws-maker-field-gs1 = Строка элементов GS1
ws-maker-hint-gs1 = Как напечатано под штрихкодом, например { $example }, или как её передаёт сканер. Прежде чем что-либо будет зарегистрировано, вы проверите, что в ней сказано.
ws-maker-gs1-read = Прочитать строку
ws-maker-lot-by-fields = По полям
ws-maker-field-product = Продукт
ws-maker-field-lot-number = Номер серии
ws-maker-hint-lot-number = Как на упаковке, не более 20 символов.
ws-maker-field-expiry = Годен до
ws-maker-field-doses-released = Выпущено доз
ws-maker-lot-register = Зарегистрировать серию
ws-maker-lot-check = Проверьте серию, прочитанную из строки GS1
ws-maker-lot-check-lead = Пока ничего не зарегистрировано. Если это та упаковка, что у вас в руках, укажите выпущенные дозы и подтвердите.
ws-maker-lot-confirm = Подтвердить и зарегистрировать
ws-maker-lot-start-again = Вставить другую строку
ws-maker-gs1-empty = Строка GS1 пуста: вставьте или отсканируйте текст с упаковки, например { $example }.
ws-maker-gs1-too-long = В строке GS1 больше { $maximum } символов: проверьте, что вставлен только один код.
ws-maker-gs1-expected-ai = В позиции { $position } должен стоять идентификатор применения, например (01) или 01, но там «{ $found }».
ws-maker-gs1-unknown-ai = Идентификатор применения ({ $ai }) здесь не читается: строка на упаковке вакцины использует (01) GTIN, (10) номер серии, (17) срок годности и (21) серийный номер.
ws-maker-gs1-duplicate-ai = Идентификатор применения ({ $ai }) встречается больше одного раза: укажите каждый только один раз.
ws-maker-gs1-gtin-missing = В строке нет GTIN: она должна содержать (01) и за ним 14-значный GTIN упаковки.
ws-maker-gs1-field-empty = У ({ $ai }) нет значения: напишите его сразу после идентификатора.
ws-maker-gs1-field-not-digits = ({ $ai }) «{ $value }» должно содержать только цифры.
ws-maker-gs1-field-wrong-length = За ({ $ai }) должно следовать ровно { $expected } цифр, а в «{ $value }» их { $length }.
ws-maker-gs1-field-too-long = ({ $ai }) «{ $value }» содержит { $length } символов, больше допустимых { $maximum }.
ws-maker-gs1-field-invalid-character = ({ $ai }) «{ $value }» содержит «{ $character }», а GS1 здесь его не допускает: используйте только латинские буквы от A до Z и от a до z, цифры и { $allowed }
ws-maker-gs1-expiry-not-a-date = (17) «{ $value }» — не дата: срок годности пишется как ГГММДД, месяц от 01 до 12 и день, который есть в этом месяце (00 означает последний день месяца).
ws-maker-gs1-gtin-not-digits = GTIN «{ $input }» должен содержать только цифры.
ws-maker-gs1-gtin-wrong-length = В GTIN 8, 12, 13 или 14 цифр, а в «{ $input }» их { $length }.
ws-maker-gs1-check-digit = GTIN { $gtin } оканчивается контрольной цифрой { $found }, но остальные цифры дают { $expected }: проверьте номер на опечатку.
ws-maker-gs1-expiry-not-encodable = Срок годности { $expiry } нельзя записать как (17) ГГММДД: этот формат охватывает 2000–2099 годы.
ws-maker-gs1-ambiguous = ({ $ai }) «{ $value }» содержит текст, который читается как идентификатор применения в скобках: вставьте вместо этого необработанную строку от сканера.
ws-maker-gs1-no-product = Ни у одного из ваших продуктов нет GTIN { $gtin }: сначала укажите этот GTIN у продукта или проверьте строку.
ws-maker-gs1-no-lot = В строке нет номера серии (10): без него серию зарегистрировать нельзя.
ws-maker-gs1-no-expiry = В строке нет срока годности (17): без него серию зарегистрировать нельзя.

## Capacity
ws-maker-capacity-lead = Сколько доз каждого продукта ваша сторона может произвести за месяц. Эти цифры открыты, чтобы форум видел будущее предложение; новая цифра для того же продукта и месяца заменяет прежнюю.
ws-maker-capacity-caption = Ваша месячная мощность
ws-maker-no-capacity = Ваша сторона ещё не заявила мощность.
ws-maker-capacity-read-only = Мощность заявляют только должностные лица производителя; здесь её можно просмотреть.
ws-maker-capacity-new = Заявить мощность на месяц
ws-maker-capacity-set = Заявить мощность
ws-maker-field-month = Месяц
ws-maker-hint-month = Год и месяц, например 2021-09.
ws-maker-field-capacity-doses = Доз в этом месяце
ws-maker-hint-capacity-doses = 0, если продукт в этом месяце не производится.

## Offers
ws-maker-offers-lead = Ваши предложения доз — одной стране или организации или всем сразу. Открытое предложение можно отозвать; каждое принятие создаёт подписанное соглашение, оно показано ниже.
ws-maker-offers-lead-others = Предложения производителей, сделанные вашей стороне или открытые для неё. Принятие доз создаёт подписанное соглашение о поставке, оно показано ниже.
ws-maker-no-offers = Предложений пока нет.
ws-maker-offer-number = Предложение { $id }
ws-maker-offer-to-all = Все страны и организации
ws-maker-offer-new = Сделать предложение
ws-maker-offer-create = Сделать предложение
ws-maker-field-doses-offered = Предлагаемые дозы
ws-maker-field-available-from = Поставка с
ws-maker-field-available-to = Поставка по
ws-maker-hint-window = Не более { $days } дней после первого дня.
ws-maker-field-price = Цена за дозу
ws-maker-hint-price = Десятичное число, например 3,50; необязательно.
ws-maker-field-currency = Валюта
ws-maker-hint-currency = Три буквы, например USD; нужна вместе с ценой.
ws-maker-field-to = Кому
ws-maker-field-doses-taken = Сколько доз взять
ws-maker-offer-accept = Принять
ws-maker-offer-decline = Отклонить
ws-maker-offer-withdraw = Отозвать
ws-maker-agreements = Соглашения по предложениям
ws-maker-agreement-number = Соглашение { $id }
ws-maker-no-agreements = По предложениям пока не заключено ни одного соглашения.

## Partnerships
ws-maker-partnerships-lead = Местное производство продукта производителя силами партнёра, открыто для всех: любая из сторон делает каждый шаг от предложения до производства, и о каждом шаге узнаёт другая сторона.
ws-maker-no-partnerships = Ваша сторона пока не участвует ни в одном партнёрстве.
ws-maker-partnership-number = Партнёрство { $id }
ws-maker-partnership-new = Предложить партнёрство
ws-maker-partnership-propose = Предложить
ws-maker-field-partner = Партнёр
ws-maker-field-manufacturer = Производитель
ws-maker-field-site = Площадка
ws-maker-hint-site = Завод или город, например Дакар.
ws-maker-field-partnership-kind = Вид
ws-maker-field-capacity-per-year = Доз в год после запуска производства

## What waits
ws-maker-waiting-offer-open = Предложение { $offer } по { $product } открыто: ещё не взято { $left }, до { $until }
ws-maker-waiting-offer-to-answer = Предложение { $offer } от { $manufacturer }: { $left } { $product }, до { $until }
ws-maker-waiting-partnership = { $party } предлагает партнёрство по производству { $product } на площадке { $site }
ws-maker-waiting-lot-at-risk = Серия { $lot } продукта { $product }: у вас ещё { $at_risk }, срок годности истекает { $expiry }

## Errors
ws-maker-error-at-most = Введите целое число не больше { $maximum }.
ws-maker-error-product-code = Используйте только буквы, цифры, «-», «_» и «.», не более 64 символов.
ws-maker-error-product-exists = Продукт с таким кодом или GTIN уже существует.
ws-maker-error-lot-number = Используйте от 1 до 20 печатных символов, как на упаковке.
ws-maker-error-lot-exists = Серия с этим номером для этого продукта уже зарегистрирована.
ws-maker-error-expiry-past = Срок годности { $expiry } раньше сегодняшнего дня ({ $today }): просроченную серию выпустить нельзя.
ws-maker-error-expiry-far = Срок годности позже { $latest }: проверьте дату.
ws-maker-error-month = Введите месяц, например 2021-09, от 2000-01 до 2100-12.
ws-maker-error-window-order = Последний день раньше первого.
ws-maker-error-window-long = Период может длиться не более { $days } дней.
ws-maker-error-window-past = Последний день раньше сегодняшнего ({ $today }).
ws-maker-error-price = Введите цену, например 3,50: десятичное число от 0 до 10000, не более 4 знаков после запятой.
ws-maker-error-currency = Введите валюту тремя буквами, например USD.
ws-maker-error-currency-required = У цены должна быть валюта.
ws-maker-error-changed = Это уже невозможно: тем временем всё изменилось. Страница показывает текущее состояние.

## After a form
ws-done-maker-product-created = Продукт добавлен.
ws-done-maker-lot-registered = Серия зарегистрирована, её дозы выпущены.
ws-done-maker-capacity-set = Мощность заявлена.
ws-done-maker-offer-created = Предложение сделано.
ws-done-maker-offer-withdrawn = Предложение отозвано.
ws-done-maker-offer-accepted = Дозы приняты: создано подписанное соглашение.
ws-done-maker-offer-declined = Предложение отклонено.
ws-done-maker-partnership-proposed = Партнёрство предложено.
ws-done-maker-partnership-moved = Партнёрство перешло на следующий этап.
ws-done-maker-partnership-abandoned = Партнёрство прекращено.
