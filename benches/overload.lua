-- wrk script for benches/overload.sh: alternates the two expensive requests (the compare page of the
-- largest pair, the builder's live preview of the shipped proposal) and counts every answer by status,
-- and every 503 by whether it says when to come back (Retry-After).
local compare = os.getenv("COMPARE_PATH")
local preview = os.getenv("PREVIEW_PATH")
local body = os.getenv("PREVIEW_BODY")
local n = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, busy, busy_without_retry, other = 0, 0, 0, 0
end

function request()
  n = n + 1
  if n % 2 == 0 then
    return wrk.format("POST", preview, { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
  end
  return wrk.format("GET", compare)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  elseif status == 503 then
    busy = busy + 1
    if headers["Retry-After"] == nil and headers["retry-after"] == nil then
      busy_without_retry = busy_without_retry + 1
    end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local t = { ok = 0, busy = 0, busy_without_retry = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do
      t[k] = t[k] + (thread:get(k) or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    "answers: %d pages (200), %d busy (503), %d of them without Retry-After, %d other; " ..
    "socket errors: connect %d, read %d, write %d, timeout %d\n",
    t.ok, t.busy, t.busy_without_retry, t.other, e.connect, e.read, e.write, e.timeout))
end
