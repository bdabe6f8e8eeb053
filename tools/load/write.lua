-- wrk script: a durable ledger write (reserve one dose of a large lot) per request.
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("EQUIDOSE_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"kind":"reserve","lot":' .. os.getenv("EQUIDOSE_LOT") .. ',"doses":1}'
