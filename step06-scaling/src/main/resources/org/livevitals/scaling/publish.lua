-- Numbers one message of the dashboard stream for the whole cluster, keeps it and sends it to a ward's
-- topic, in one step: Redis runs a script alone, so no other node's message can come between the
-- number and the publication, and every subscriber hears the messages in the order of their numbers.
--
-- KEYS[1] the cluster's epoch      KEYS[2] the last number      KEYS[3] the history (a stream)
-- KEYS[4] the ward's latest readings (a hash: patient -> Lab 1 line)
-- KEYS[5] the cluster's active alerts (a hash: id -> patient and message)
-- KEYS[6] the note of which node has this patient's device (a string that expires)
-- KEYS[7] when the ward's patients were last heard from (a sorted set: patient, scored by milliseconds)
-- KEYS[8] when the ward's latest readings were taken (a sorted set: patient, scored by milliseconds)
-- ARGV[1] an epoch to use if there is none yet (Redis started empty)   ARGV[2] how many messages the history keeps
-- ARGV[3] the ward's topic   ARGV[4] the patient   ARGV[5] sent at (ms)   ARGV[6] the reading's line, or ''
-- ARGV[7] the message's JSON, without its number   ARGV[8] the alert's id, or '' for a reading
-- ARGV[9] '1' if the alert is active, '0' if it has cleared   ARGV[10] this node, if the reading came from its device, or ''
-- ARGV[11] how many patients a ward's latest readings hold at most   ARGV[12] when the reading was taken (ms), or ''
-- ARGV[13] how long the cluster remembers a silent patient (ms): its latest reading, and its device's note
--
-- A ward's latest readings follow Lab 3's LatestReadings: a patient not heard from for ARGV[13] is
-- forgotten; the newest measurement wins (a reading taken before the one kept is not kept); and with
-- ARGV[11] patients kept, a new one replaces the one silent the longest, because a new patient must always
-- be shown. Silence is counted from when a node published the reading (ARGV[5]), not from the time the
-- device wrote on it: a device whose clock is behind is still heard. A ward silent for ARGV[13] is
-- forgotten whole (its keys expire).
local function forget(patient)
  redis.call('ZREM', KEYS[7], patient)
  redis.call('ZREM', KEYS[8], patient)
  redis.call('HDEL', KEYS[4], patient)
end

redis.call('SET', KEYS[1], ARGV[1], 'NX')
local epoch = redis.call('GET', KEYS[1])
local seq = redis.call('INCR', KEYS[2])
redis.call('XADD', KEYS[3], 'MAXLEN', ARGV[2], '0-' .. seq, 'patient', ARGV[4], 'json', ARGV[7], 'line', ARGV[6])
if ARGV[6] ~= '' then
  local forgetBefore = tonumber(ARGV[5]) - tonumber(ARGV[13])
  for _, silent in ipairs(redis.call('ZRANGEBYSCORE', KEYS[7], '-inf', '(' .. forgetBefore)) do
    forget(silent)
  end
  local keptTakenAt = redis.call('ZSCORE', KEYS[8], ARGV[4])
  if not keptTakenAt or tonumber(ARGV[12]) >= tonumber(keptTakenAt) then
    redis.call('ZADD', KEYS[7], ARGV[5], ARGV[4])
    redis.call('ZADD', KEYS[8], ARGV[12], ARGV[4])
    redis.call('HSET', KEYS[4], ARGV[4], ARGV[6])
    if not keptTakenAt and redis.call('ZCARD', KEYS[7]) > tonumber(ARGV[11]) then
      local longestSilent = redis.call('ZRANGE', KEYS[7], 0, 1)
      forget(longestSilent[1] == ARGV[4] and longestSilent[2] or longestSilent[1])
    end
  end
  redis.call('PEXPIRE', KEYS[4], ARGV[13])
  redis.call('PEXPIRE', KEYS[7], ARGV[13])
  redis.call('PEXPIRE', KEYS[8], ARGV[13])
end
if ARGV[8] ~= '' then
  if ARGV[9] == '1' then
    redis.call('HSET', KEYS[5], ARGV[8], ARGV[4] .. '\n' .. ARGV[7])
  else
    redis.call('HDEL', KEYS[5], ARGV[8])
  end
end
if ARGV[10] ~= '' then
  redis.call('SET', KEYS[6], ARGV[10], 'PX', ARGV[13])
end
redis.call('PUBLISH', ARGV[3], epoch .. '\n' .. seq .. '\n' .. ARGV[4] .. '\n' .. ARGV[5] .. '\n' .. ARGV[6] .. '\n' .. ARGV[7])
return seq
