-- record-event: count one event now in a rolling window.
-- KEYS[1] sorted set of events scored by server time in ms; KEYS[2] the longest window used (string)
-- ARGV[1] window ms
-- Returns the number of events in the last window, this one included.
--
-- Invariant: entries are trimmed by the longest window this series has been recorded with (so a
-- count over a longer window never loses events to a shorter one), and the set and its window
-- expire one longest window after the newest event, so an idle series costs nothing.
-- Uses int from preamble.lua.
local keyType = redis.call('TYPE', KEYS[1]).ok
if keyType ~= 'zset' and keyType ~= 'none' then
  -- A corrupt key (another type) would fail every ZADD: start the count afresh.
  redis.call('DEL', KEYS[1])
end
local window = tonumber(ARGV[1])
local longest = window
if redis.call('TYPE', KEYS[2]).ok == 'string' then
  longest = math.max(window, int(redis.call('GET', KEYS[2])) or 0)
end
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + tonumber(now[2]) / 1000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.3f', nowMs - longest))
-- Members must be unique; two events in the same microsecond get a suffix.
local base = now[1] .. string.format('%06d', tonumber(now[2]))
local member = base
local n = 0
while redis.call('ZSCORE', KEYS[1], member) do
  n = n + 1
  member = base .. '-' .. n
end
redis.call('ZADD', KEYS[1], string.format('%.3f', nowMs), member)
redis.call('PEXPIRE', KEYS[1], longest)
redis.call('SET', KEYS[2], string.format('%d', longest), 'PX', longest)
return redis.call('ZCOUNT', KEYS[1], '(' .. string.format('%.3f', nowMs - window), '+inf')
