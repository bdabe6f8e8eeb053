-- Countries and the cumulative doses they reported, as imported from reference data.
CREATE TABLE countries (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    population BIGINT CHECK (population > 0),
    income_group TEXT CHECK (income_group IN ('Low income', 'Lower middle income', 'Upper middle income', 'High income'))
);

CREATE TABLE group_populations (
    entity TEXT PRIMARY KEY,
    population BIGINT NOT NULL CHECK (population > 0)
);

-- One row per country and day with a reported total; the key's index serves "last report on or before a day".
CREATE TABLE dose_reports (
    country TEXT NOT NULL REFERENCES countries (code),
    date TEXT NOT NULL CHECK (length(date) = 10),
    total_doses BIGINT NOT NULL CHECK (total_doses >= 0),
    PRIMARY KEY (country, date)
);
