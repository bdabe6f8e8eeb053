# Путь доз в рабочих кабинетах: запросы страны, её доли в раундах и отчёты о введённых дозах, отгрузки и запасы каждого держателя.
ws-country-expiry = { $date } ({ PLURAL($n) ->
    [one] через { $n } день
    [few] через { $n } дня
    [many] через { $n } дней
   *[other] через { $n } дня
})
ws-country-expired = { $date } (срок годности истёк)
ws-country-viewer-reads = Вы читаете эту страницу как наблюдатель: действовать здесь могут только ответственные лица стороны.
ws-country-rule-invalid-state = Тем временем это изменилось: страница теперь показывает текущее состояние.
ws-country-rule-already-answered = Ваша страна уже ответила на эту долю: на каждую долю — один ответ.
ws-country-rule-insufficient-balance = Больше доз, чем у вашей страны есть в наличии из этой серии.
ws-country-rule-lot-expired = Срок годности этой серии истёк: её дозы больше нельзя перемещать.
ws-country-waiting-share = Раунд { $id } организации { $organization }: ваша доля в { $doses } доз ждёт вашего ответа
ws-country-waiting-dispatch = { PLURAL($n) ->
    [one] { $n } отгрузка ждёт отправки
    [few] { $n } отгрузки ждут отправки
    [many] { $n } отгрузок ждут отправки
   *[other] { $n } отгрузки ждут отправки
}
ws-country-waiting-confirm = { PLURAL($n) ->
    [one] { $n } отгрузка в пути: подтвердите её получение
    [few] { $n } отгрузки в пути: подтвердите их получение
    [many] { $n } отгрузок в пути: подтвердите их получение
   *[other] { $n } отгрузки в пути: подтвердите их получение
}
ws-country-waiting-risk = { PLURAL($n) ->
    [one] { $n } серия: { $doses } доз могут истечь неиспользованными
    [few] { $n } серии: { $doses } доз могут истечь неиспользованными
    [many] { $n } серий: { $doses } доз могут истечь неиспользованными
   *[other] { $n } серии: { $doses } доз могут истечь неиспользованными
}
ws-country-col-lot = Серия
ws-country-col-doses = Дозы
ws-country-col-expiry = Годен до
ws-country-col-note = Примечание
# Запросы.
ws-country-requests-lead = Запросите дозы у организаций: раунды обслуживают открытые запросы, после чего доля вашей страны ждёт вашего ответа.
ws-country-requests-yours = Ваши запросы
ws-country-requests-none = У вашей страны пока нет запросов.
ws-country-request = Запрос { $id }
ws-country-withdraw = Отозвать
ws-country-any-product = любые
ws-country-col-request = Запрос
ws-country-col-asked = Запрошено доз
ws-country-col-allocated = Выделено
ws-country-col-delivered = Доставлено
ws-country-col-needed-by = Нужны к
ws-country-col-shelf-life = Остаток срока годности при получении, дней
ws-country-col-absorption = Доз в день
ws-country-col-products = Препараты
ws-country-request-legend = Запросить дозы
ws-country-request-create = Отправить запрос
ws-country-field-doses = Дозы
ws-country-field-doses-hint = Сколько доз запрашивает ваша страна.
ws-country-field-needed-by = Нужны к
ws-country-field-products = Препараты, разрешённые в вашей стране
ws-country-field-products-hint = Не отмечайте ничего, чтобы принять любой препарат.
ws-country-field-shelf-life = Остаток срока годности при получении, в днях
ws-country-field-shelf-life-hint = Необязательно; серии с более ранним сроком вам не выделяются.
ws-country-field-absorption = Сколько доз ваша страна может вводить в день
ws-country-field-absorption-hint = Необязательно; без этого используется ваш недавний темп.
ws-country-field-lead-time = Срок доставки, в днях
ws-country-field-lead-time-hint = Необязательно; дней от раунда до прибытия доз.
ws-country-field-target = Цель, доз на 100 человек
ws-country-field-target-hint = Необязательно; например 40 или 52,5.
ws-country-field-note = Примечание для организаций
ws-country-error-past = Этот день прошёл: укажите день не раньше сегодняшнего.
ws-country-error-target = Введите число больше 0 и не больше 1 000, например 40 или 52,5.
ws-done-country-request-created = Ваш запрос отправлен; организации могут обслужить его в следующем раунде.
ws-done-country-request-withdrawn = Запрос отозван.
# Доли в раундах.
ws-country-shares-lead = Когда организация публикует раунд, доля вашей страны ждёт здесь вашего ответа. Принятие планирует отгрузки; отказ возвращает дозы в общий пул для других стран.
ws-country-shares-awaiting = Ждут вашего ответа
ws-country-shares-none-awaiting = Ни одна доля не ждёт вашего ответа.
ws-country-shares-answered = Доли с ответом
ws-country-shares-none-answered = Вы ещё не ответили ни на одну долю.
ws-country-share-heading = Раунд { $id } организации { $organization }, { $date }
ws-country-share-doses = Дозы, предложенные вашей стране
ws-country-share-coverage = Доз на 100 человек
ws-country-share-coverage-value = { $from } до, { $to } после
ws-country-share-request = Запрос, который она обслуживает
ws-country-share-request-value = Запрос { $id }: { $doses } доз нужны к { $date }
ws-country-share-lots = Серии вашей доли в раунде { $id }
ws-country-share-no-lots = Нет серий: в этой доле нет доз.
ws-country-col-holder = Держатель
ws-country-below-shelf-life = срок годности меньше, чем указано в вашем запросе
ws-country-col-round = Раунд
ws-country-round = Раунд { $id } организации { $organization }
ws-country-accept-legend = Принять долю
ws-country-accept = Принять
ws-country-decline-legend = Или отказаться от неё, указав причину
ws-country-decline = Отказаться
ws-country-field-reason = Причина
ws-country-choose-reason = Выберите причину
ws-country-field-answer-note = Примечание
ws-country-field-answer-note-hint = Обязательно при причине «другая причина».
ws-country-error-note-other = Укажите, в чём другая причина.
ws-done-country-share-accepted = Доля принята: её отгрузки запланированы.
ws-done-country-share-declined = От доли отказались: её дозы возвращаются в общий пул.
# Отгрузки.
ws-country-shipments-lead = Отгрузки, которые ваша сторона отправляет и получает. Держатель отправляет запланированную отгрузку (или отменяет её); получатель подтверждает отгрузку в пути, когда она прибывает.
ws-country-shipments-incoming = Идут к вам
ws-country-shipments-outgoing = Отправлены вами
ws-country-shipments-none-incoming = К вашей стороне не идёт ни одной отгрузки.
ws-country-shipments-none-outgoing = Ваша сторона ничего не отправляет.
ws-country-shipments-incoming-caption = Отгрузки вашей стороне, сначала самые новые
ws-country-shipments-outgoing-caption = Отгрузки вашей стороны, сначала самые новые
ws-country-shipment = Отгрузка { $id }
ws-country-col-shipment = Отгрузка
ws-country-col-from = От
ws-country-col-to = Кому
ws-country-col-linked = Для
ws-country-col-updated = Последнее изменение
ws-country-shipment-planned = запланирована
ws-country-shipment-in-transit = в пути
ws-country-shipment-delivered = доставлена
ws-country-shipment-cancelled = отменена
ws-country-shipment-dispatch = Отправить
ws-country-shipment-confirm = Подтвердить получение
ws-country-shipment-cancel = Отменить
ws-country-link-round = раунд { $id }
ws-country-link-request = запрос { $id }
ws-country-link-pledge = обязательство { $id }
ws-country-link-agreement = соглашение { $id }
ws-done-country-shipment-dispatched = Отгрузка отправлена: её дозы в пути.
ws-done-country-shipment-confirmed = Получение подтверждено: дозы в ваших запасах.
ws-done-country-shipment-cancelled = Отгрузка отменена: её дозы снова в наличии.
# Запасы.
ws-country-stock-lead = Дозы вашей стороны по сериям, начиная с ближайшего срока годности.
ws-country-stock-by-lot = Дозы по сериям
ws-country-stock-none = У вашей стороны нет доз.
ws-country-col-available = В наличии
ws-country-col-reserved = Зарезервировано
ws-country-col-in-transit = В пути к вам
ws-country-col-administered = Введено
ws-country-col-at-risk = Под угрозой
ws-country-at-risk = Дозы, которые могут истечь
ws-country-at-risk-none = Ни одной дозе не грозит истечь неиспользованной.
ws-country-at-risk-lead = При вашем темпе { $value } доз в день, если сначала использовать серии с ближайшим сроком, эти дозы истекут неиспользованными. Предложите их организации: она включит их в раунд для стран, которые успеют их использовать.
ws-country-propose-legend = Серия { $value }: { $doses } доз под угрозой, годна до { $date }
ws-country-propose = Предложить для перераспределения
ws-country-field-doses-proposed = Сколько доз предложить
ws-country-field-doses-proposed-hint = У вас в наличии { $doses } доз этой серии.
ws-country-field-organization = Организация
ws-country-choose-organization = Выберите организацию
ws-country-error-more-than-available = Больше доз, чем у вас есть в наличии из этой серии.
ws-country-proposals = Ваши предложения о перераспределении
ws-country-already-proposed = { $doses } доз этой серии уже предложены в ещё не опубликованных раундах.
ws-done-country-proposed = Дозы предложены: у организации есть черновик раунда с ними.
# Введение доз.
ws-country-administration-lead = Сообщайте, сколько доз каждой серии ваша страна ввела. Ваши отчёты задают ваш темп использования, по которому рассчитываются дозы под угрозой.
ws-country-administered-recently = { PLURAL($n) ->
    [one] Введено доз за последний { $n } день
    [few] Введено доз за последние { $n } дня
    [many] Введено доз за последние { $n } дней
   *[other] Введено доз за последние { $n } дня
}
ws-country-administer-legend = Сообщить о введённых дозах
ws-country-administer = Сообщить
ws-country-field-lot = Серия
ws-country-choose-lot = Выберите серию
ws-country-lot-option = { $value }: в наличии { $doses }, годна до { $date }
ws-country-field-doses-administered = Введено доз
ws-country-field-report-note = Примечание
ws-country-field-report-note-hint = Необязательно; например кампания или регион.
ws-country-nothing-to-administer = У вашей страны нет доз в наличии, о которых можно сообщить.
ws-country-reports = Ваши отчёты о введении доз
ws-country-reports-none = Отчётов пока нет.
ws-done-country-administered = Отчёт записан.
