# Общие термины: оформление, графики, группы доходов, состояния.
site-name = Equidose
site-tagline = Открытое программное обеспечение для международного сотрудничества в области вакцин.
skip-to-content = Перейти к содержанию
nav-label = Основное меню
nav-dashboard = Обзор
nav-countries = Страны
nav-pledges = Обязательства
language-label = Язык
footer-data = Справочные данные: Our World in Data (CC BY 4.0), Мировые демографические перспективы ООН 2019, группы доходов Всемирного банка 2022.
footer-api = Те же цифры в API
percent = { $value } %
group-low = Низкий доход
group-lower-middle = Доход ниже среднего
group-upper-middle = Доход выше среднего
group-high = Высокий доход
group-world = Мир
group-none = Без категории
chart-source = Источник: { $source }; данные на { $date }
source-reference = Our World in Data, ООН, Всемирный банк и дозы, доставленные через платформу
source-ledger = реестр Equidose
chart-numbers = Цифры графика
chart-csv = Скачать цифры (CSV)
unit-per-100 = Доз на 100 человек
unit-doses = Дозы
axis-date = День
countries-count = { PLURAL($n) ->
    [one] { $shown } страна
    [few] { $shown } страны
    [many] { $shown } стран
   *[other] { $shown } страны
}
pledge-state-open = Открыто
pledge-state-withdrawn = Отозвано
pledge-state-fulfilled = Выполнено
round-state-draft = Черновик
round-state-published = Опубликован
round-state-closed = Закрыт
