-- release-lease: delete the lease only if it is still the live lease with this holder and fence.
-- KEYS[1] lease hash {h, f}; ARGV[1] holder; ARGV[2] fence; ARGV[3] change channel
-- Returns 1 when it released, else 0 (expired, taken over by a newer fence, or never held).
-- Uses int from preamble.lua.
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then
  return 0
end
local fields = redis.call('HMGET', KEYS[1], 'h', 'f')
if fields[1] ~= ARGV[1] or int(fields[2]) ~= tonumber(ARGV[2]) then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[3], '0')
return 1
