-- preamble: helpers that scripts/generate.mjs puts before every script; it defines, never calls.

-- A whole number stored as a decimal string, or nil for anything else (a corrupt field).
local function int(s)
  if type(s) == 'string' and string.match(s, '^%d+$') then return tonumber(s) end
  return nil
end

-- The next generation or fence at a key: max(floor + 1, high-water mark + 1, server time in ms).
-- The mark covers deletes and expiry, and the clock covers a mark lost to eviction or a restart
-- without persistence. The caller writes the new mark.
local function nextNumber(markKey, floor)
  local now = redis.call('TIME')
  local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
  local mark = 0
  if redis.call('TYPE', markKey).ok == 'string' then
    mark = int(redis.call('GET', markKey)) or 0
  end
  return math.max(floor + 1, mark + 1, nowMs)
end
