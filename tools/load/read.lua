-- wrk script: an authenticated read of one lot and its balances.
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("EQUIDOSE_TOKEN")
