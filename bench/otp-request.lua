-- wrk script for POST /auth/otp/request: every request asks a code for an address no request asked
-- before, u<counter>-<thread>@bench.example (the bench's allowlist admits *@bench.example). Thread
-- numbers start after OTP_THREAD_BASE (environment), so that the warm-up and the measured run never
-- share an address. At the end it prints "accepted N": the 202 answers of all threads.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  thread_id = (tonumber(os.getenv("OTP_THREAD_BASE")) or 0) + thread_number
  counter = 0
  accepted = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, string.format('{"email":"u%d-%d@bench.example"}', counter, thread_id))
end

function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("accepted")
  end
  io.write(string.format("accepted %d\n", total))
end
