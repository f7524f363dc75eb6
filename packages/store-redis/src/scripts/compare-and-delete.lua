-- compare-and-delete: delete the record only if it is a live record and its tag matches.
-- KEYS[1] record hash {v, t, g}; ARGV[1] tag; ARGV[2] change channel
-- Returns 1 when it deleted, else 0. The generation high-water mark is kept, so the next write
-- still gets a higher generation. A corrupt key (see get.lua) is no record: never deleted here.
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then
  return 0
end
local fields = redis.call('HMGET', KEYS[1], 'v', 't', 'g')
if not fields[1] or fields[2] ~= ARGV[1] or not (type(fields[3]) == 'string' and string.match(fields[3], '^%d+$')) then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[2], '0')
return 1
