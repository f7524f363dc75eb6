-- get: the live record at KEYS[1], or nil.
-- KEYS[1] record hash {v = value, t = tag, g = generation}
-- Returns {value, tag, generation, pttl} or nil. A key of another type, or a hash missing a field or
-- holding a non-positive generation, is not a live record: it reads as absent (and the next
-- compare-and-set from 0 replaces it), so a corrupt key can never wedge the fleet.
-- Uses int from preamble.lua.
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then
  return nil
end
local fields = redis.call('HMGET', KEYS[1], 'v', 't', 'g')
local generation = int(fields[3])
if not fields[1] or not fields[2] or not generation or generation < 1 then
  return nil
end
return {fields[1], fields[2], generation, redis.call('PTTL', KEYS[1])}
