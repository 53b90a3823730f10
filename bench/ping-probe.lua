-- wrk script for a latency probe: one request every 10 ms per connection (with -c1: about 100 a
-- second), light enough not to load the app itself, so its p99 shows how long a request waits for
-- the event loop while something else runs.
function delay()
  return 10
end
