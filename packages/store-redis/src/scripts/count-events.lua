-- count-events: the number of events in the last window (read only).
-- KEYS[1] sorted set of events scored by server time in ms; ARGV[1] window ms
-- A key of another type holds no events: 0.
if redis.call('TYPE', KEYS[1]).ok ~= 'zset' then
  return 0
end
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + tonumber(now[2]) / 1000
return redis.call('ZCOUNT', KEYS[1], '(' .. string.format('%.3f', nowMs - tonumber(ARGV[1])), '+inf')
