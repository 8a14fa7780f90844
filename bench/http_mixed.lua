-- http_mixed.lua - wrk script for bench/http.sh: a mixed read/write load on one server. Of every
-- ten requests nine read (GET of BENCH_READ_PATH, the programme summary by default) and one
-- replaces a list record with itself (PUT BENCH_WRITE_PATH with the body in BENCH_WRITE_BODY_FILE),
-- a real write through validation, the store and its transaction. With JIQUN_BENCH_TOKEN set,
-- writes carry "Authorization: Bearer <token>". When the server refuses writes (401 or 403, e.g.
-- no token once accounts exist) the thread stops writing and goes on reading; done() says so.

local read_path = os.getenv("BENCH_READ_PATH") or "/api/v1/programme"
local write_path = os.getenv("BENCH_WRITE_PATH")
local body_file = os.getenv("BENCH_WRITE_BODY_FILE")
local token = os.getenv("JIQUN_BENCH_TOKEN")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local body, read_req, write_req
local n = 0
local writing = true
reads_ok, writes_ok, refused, failed = 0, 0, 0, 0

function init(args)
  read_req = wrk.format("GET", read_path)
  if write_path and body_file then
    local f = io.open(body_file, "rb")
    if f then
      body = f:read("*a")
      f:close()
    end
  end
  if not body then
    writing = false
    return
  end
  local headers = { ["Content-Type"] = "application/json" }
  if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  write_req = wrk.format("PUT", write_path, headers, body)
end

function request()
  n = n + 1
  if writing and n % 10 == 0 then return write_req end
  return read_req
end

-- The answer to a write is the record itself (small, "source":"api"); to a read, the summary.
function response(status, headers, body)
  if status == 401 or status == 403 then
    refused = refused + 1
    writing = false
  elseif status ~= 200 then
    failed = failed + 1
  elseif string.find(body, '"source":"api"', 1, true) then
    writes_ok = writes_ok + 1
  else
    reads_ok = reads_ok + 1
  end
end

function done(summary, latency, requests)
  local r, w, x, f = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    r = r + t:get("reads_ok")
    w = w + t:get("writes_ok")
    x = x + t:get("refused")
    f = f + t:get("failed")
  end
  io.write(string.format("mixed: %d reads ok, %d writes ok, %d writes refused, %d other failures\n", r, w, x, f))
  if x > 0 then
    io.write("mixed: the server refused writes (401/403): set JIQUN_BENCH_TOKEN to a token of an " ..
      "account allowed to write (jiqun user token NAME); the run went on with reads only\n")
  end
end
