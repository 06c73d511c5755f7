/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $String = $util.global.String, $Array = $util.global.Array, $Boolean = $util.global.Boolean, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const streetlight = $root.streetlight = (() => {

    /**
     * Namespace streetlight.
     * @exports streetlight
     * @namespace
     */
    const streetlight = {};

    streetlight.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof streetlight
         * @namespace
         */
        const v1 = {};

        /**
         * ClockStatus enum.
         * @name streetlight.v1.ClockStatus
         * @enum {number}
         * @property {number} CLOCK_STATUS_UNSPECIFIED=0 CLOCK_STATUS_UNSPECIFIED value
         * @property {number} CLOCK_STATUS_UNSET=1 CLOCK_STATUS_UNSET value
         * @property {number} CLOCK_STATUS_RTC=2 CLOCK_STATUS_RTC value
         * @property {number} CLOCK_STATUS_SYNCED=3 CLOCK_STATUS_SYNCED value
         */
        v1.ClockStatus = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "CLOCK_STATUS_UNSPECIFIED"] = 0;
            values[valuesById[1] = "CLOCK_STATUS_UNSET"] = 1;
            values[valuesById[2] = "CLOCK_STATUS_RTC"] = 2;
            values[valuesById[3] = "CLOCK_STATUS_SYNCED"] = 3;
            return values;
        })();

        /**
         * LevelSource enum.
         * @name streetlight.v1.LevelSource
         * @enum {number}
         * @property {number} LEVEL_SOURCE_UNSPECIFIED=0 LEVEL_SOURCE_UNSPECIFIED value
         * @property {number} LEVEL_SOURCE_PLAN=1 LEVEL_SOURCE_PLAN value
         * @property {number} LEVEL_SOURCE_OVERRIDE=2 LEVEL_SOURCE_OVERRIDE value
         * @property {number} LEVEL_SOURCE_FALLBACK=3 LEVEL_SOURCE_FALLBACK value
         * @property {number} LEVEL_SOURCE_DEFAULT=4 LEVEL_SOURCE_DEFAULT value
         */
        v1.LevelSource = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "LEVEL_SOURCE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "LEVEL_SOURCE_PLAN"] = 1;
            values[valuesById[2] = "LEVEL_SOURCE_OVERRIDE"] = 2;
            values[valuesById[3] = "LEVEL_SOURCE_FALLBACK"] = 3;
            values[valuesById[4] = "LEVEL_SOURCE_DEFAULT"] = 4;
            return values;
        })();

        v1.PlanRef = (function() {

            /**
             * Properties of a PlanRef.
             * @typedef {Object} streetlight.v1.PlanRef.$Properties
             * @property {number|null} [id] PlanRef id
             * @property {number|null} [version] PlanRef version
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PlanRef.
             * @memberof streetlight.v1
             * @interface IPlanRef
             * @augments streetlight.v1.PlanRef.$Properties
             * @deprecated Use streetlight.v1.PlanRef.$Properties instead.
             */

            /**
             * Shape of a PlanRef.
             * @typedef {streetlight.v1.PlanRef.$Properties} streetlight.v1.PlanRef.$Shape
             */

            /**
             * Constructs a new PlanRef.
             * @memberof streetlight.v1
             * @classdesc Represents a PlanRef.
             * @constructor
             * @param {streetlight.v1.PlanRef.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PlanRef = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PlanRef id.
             * @member {number} id
             * @memberof streetlight.v1.PlanRef
             * @instance
             */
            PlanRef.prototype.id = 0;

            /**
             * PlanRef version.
             * @member {number} version
             * @memberof streetlight.v1.PlanRef
             * @instance
             */
            PlanRef.prototype.version = 0;

            /**
             * Creates a new PlanRef instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.PlanRef
             * @static
             * @param {streetlight.v1.PlanRef.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.PlanRef} PlanRef instance
             * @type {{
             *   (properties: streetlight.v1.PlanRef.$Shape): streetlight.v1.PlanRef & streetlight.v1.PlanRef.$Shape;
             *   (properties?: streetlight.v1.PlanRef.$Properties): streetlight.v1.PlanRef;
             * }}
             */
            PlanRef.create = function(properties) {
                return new PlanRef(properties);
            };

            /**
             * Encodes the specified PlanRef message. Does not implicitly {@link streetlight.v1.PlanRef.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.PlanRef
             * @static
             * @param {streetlight.v1.PlanRef.$Properties} message PlanRef message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PlanRef.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.id);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.version);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified PlanRef message, length delimited. Does not implicitly {@link streetlight.v1.PlanRef.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.PlanRef
             * @static
             * @param {streetlight.v1.PlanRef.$Properties} message PlanRef message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PlanRef.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PlanRef message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.PlanRef
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.PlanRef & streetlight.v1.PlanRef.$Shape} PlanRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PlanRef.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.PlanRef();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a PlanRef message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.PlanRef
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.PlanRef & streetlight.v1.PlanRef.$Shape} PlanRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PlanRef.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PlanRef message.
             * @function verify
             * @memberof streetlight.v1.PlanRef
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PlanRef.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    if (!$util.isInteger(message.id))
                        return "id: integer expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                return null;
            };

            /**
             * Creates a PlanRef message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.PlanRef
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.PlanRef} PlanRef
             */
            PlanRef.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.PlanRef)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.PlanRef: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.PlanRef();
                if (object.id != null)
                    if ($Number(object.id) !== 0)
                        message.id = object.id >>> 0;
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a PlanRef message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.PlanRef
             * @static
             * @param {streetlight.v1.PlanRef} message PlanRef
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PlanRef.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.id = 0;
                    object.version = 0;
                }
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    object.id = message.id;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                return object;
            };

            /**
             * Converts this PlanRef to JSON.
             * @function toJSON
             * @memberof streetlight.v1.PlanRef
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PlanRef.prototype.toJSON = function() {
                return PlanRef.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PlanRef
             * @function getTypeUrl
             * @memberof streetlight.v1.PlanRef
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PlanRef.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.PlanRef";
            };

            return PlanRef;
        })();

        v1.Uplink = (function() {

            /**
             * Properties of an Uplink.
             * @typedef {Object} streetlight.v1.Uplink.$Properties
             * @property {number|null} [protocolVersion] Uplink protocolVersion
             * @property {string|null} [deviceId] Uplink deviceId
             * @property {number|null} [seq] Uplink seq
             * @property {number|null} [time] Uplink time
             * @property {Uint8Array|null} [mac] Uplink mac
             * @property {streetlight.v1.Hello.$Properties|null} [hello] Uplink hello
             * @property {streetlight.v1.StateReport.$Properties|null} [state] Uplink state
             * @property {streetlight.v1.EnergyReport.$Properties|null} [energy] Uplink energy
             * @property {streetlight.v1.DeviceEvent.$Properties|null} [event] Uplink event
             * @property {streetlight.v1.CommandAck.$Properties|null} [ack] Uplink ack
             * @property {streetlight.v1.OtaStatus.$Properties|null} [otaStatus] Uplink otaStatus
             * @property {streetlight.v1.PresenceDetection.$Properties|null} [detection] Uplink detection
             * @property {streetlight.v1.TrafficProfile.$Properties|null} [profile] Uplink profile
             * @property {streetlight.v1.LuminaireReport.$Properties|null} [luminaire] Uplink luminaire
             * @property {"hello"|"state"|"energy"|"event"|"ack"|"otaStatus"|"detection"|"profile"|"luminaire"} [body] Uplink body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Uplink.
             * @memberof streetlight.v1
             * @interface IUplink
             * @augments streetlight.v1.Uplink.$Properties
             * @deprecated Use streetlight.v1.Uplink.$Properties instead.
             */

            /**
             * Narrowed shape of an Uplink.
             * @typedef {{
             *   protocolVersion?: number|null;
             *   deviceId?: string|null;
             *   seq?: number|null;
             *   time?: number|null;
             *   mac?: Uint8Array|null;
             *   hello?: streetlight.v1.Hello.$Shape|null;
             *   state?: streetlight.v1.StateReport.$Shape|null;
             *   energy?: streetlight.v1.EnergyReport.$Shape|null;
             *   event?: streetlight.v1.DeviceEvent.$Shape|null;
             *   ack?: streetlight.v1.CommandAck.$Shape|null;
             *   otaStatus?: streetlight.v1.OtaStatus.$Shape|null;
             *   detection?: streetlight.v1.PresenceDetection.$Shape|null;
             *   profile?: streetlight.v1.TrafficProfile.$Shape|null;
             *   luminaire?: streetlight.v1.LuminaireReport.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; hello?: null; state?: null; energy?: null; event?: null; ack?: null; otaStatus?: null; detection?: null; profile?: null; luminaire?: null }|{ body?: "hello"; hello: streetlight.v1.Hello.$Shape; state?: null; energy?: null; event?: null; ack?: null; otaStatus?: null; detection?: null; profile?: null; luminaire?: null }|{ body?: "state"; hello?: null; state: streetlight.v1.StateReport.$Shape; energy?: null; event?: null; ack?: null; otaStatus?: null; detection?: null; profile?: null; luminaire?: null }|{ body?: "energy"; hello?: null; state?: null; energy: streetlight.v1.EnergyReport.$Shape; event?: null; ack?: null; otaStatus?: null; detection?: null; profile?: null; luminaire?: null }|{ body?: "event"; hello?: null; state?: null; energy?: null; event: streetlight.v1.DeviceEvent.$Shape; ack?: null; otaStatus?: null; detection?: null; profile?: null; luminaire?: null }|{ body?: "ack"; hello?: null; state?: null; energy?: null; event?: null; ack: streetlight.v1.CommandAck.$Shape; otaStatus?: null; detection?: null; profile?: null; luminaire?: null }|{ body?: "otaStatus"; hello?: null; state?: null; energy?: null; event?: null; ack?: null; otaStatus: streetlight.v1.OtaStatus.$Shape; detection?: null; profile?: null; luminaire?: null }|{ body?: "detection"; hello?: null; state?: null; energy?: null; event?: null; ack?: null; otaStatus?: null; detection: streetlight.v1.PresenceDetection.$Shape; profile?: null; luminaire?: null }|{ body?: "profile"; hello?: null; state?: null; energy?: null; event?: null; ack?: null; otaStatus?: null; detection?: null; profile: streetlight.v1.TrafficProfile.$Shape; luminaire?: null }|{ body?: "luminaire"; hello?: null; state?: null; energy?: null; event?: null; ack?: null; otaStatus?: null; detection?: null; profile?: null; luminaire: streetlight.v1.LuminaireReport.$Shape })
             * )} streetlight.v1.Uplink.$Shape
             */

            /**
             * Constructs a new Uplink.
             * @memberof streetlight.v1
             * @classdesc Represents an Uplink.
             * @constructor
             * @param {streetlight.v1.Uplink.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Uplink = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Uplink protocolVersion.
             * @member {number} protocolVersion
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.protocolVersion = 0;

            /**
             * Uplink deviceId.
             * @member {string} deviceId
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.deviceId = "";

            /**
             * Uplink seq.
             * @member {number} seq
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.seq = 0;

            /**
             * Uplink time.
             * @member {number} time
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.time = 0;

            /**
             * Uplink mac.
             * @member {Uint8Array} mac
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.mac = $util.newBuffer([]);

            /**
             * Uplink hello.
             * @member {streetlight.v1.Hello.$Properties|null|undefined} hello
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.hello = null;

            /**
             * Uplink state.
             * @member {streetlight.v1.StateReport.$Properties|null|undefined} state
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.state = null;

            /**
             * Uplink energy.
             * @member {streetlight.v1.EnergyReport.$Properties|null|undefined} energy
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.energy = null;

            /**
             * Uplink event.
             * @member {streetlight.v1.DeviceEvent.$Properties|null|undefined} event
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.event = null;

            /**
             * Uplink ack.
             * @member {streetlight.v1.CommandAck.$Properties|null|undefined} ack
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.ack = null;

            /**
             * Uplink otaStatus.
             * @member {streetlight.v1.OtaStatus.$Properties|null|undefined} otaStatus
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.otaStatus = null;

            /**
             * Uplink detection.
             * @member {streetlight.v1.PresenceDetection.$Properties|null|undefined} detection
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.detection = null;

            /**
             * Uplink profile.
             * @member {streetlight.v1.TrafficProfile.$Properties|null|undefined} profile
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.profile = null;

            /**
             * Uplink luminaire.
             * @member {streetlight.v1.LuminaireReport.$Properties|null|undefined} luminaire
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            Uplink.prototype.luminaire = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Uplink body.
             * @member {"hello"|"state"|"energy"|"event"|"ack"|"otaStatus"|"detection"|"profile"|"luminaire"|undefined} body
             * @memberof streetlight.v1.Uplink
             * @instance
             */
            $Object.defineProperty(Uplink.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "state", "energy", "event", "ack", "otaStatus", "detection", "profile", "luminaire"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Uplink instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.Uplink
             * @static
             * @param {streetlight.v1.Uplink.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.Uplink} Uplink instance
             * @type {{
             *   (properties: streetlight.v1.Uplink.$Shape): streetlight.v1.Uplink & streetlight.v1.Uplink.$Shape;
             *   (properties?: streetlight.v1.Uplink.$Properties): streetlight.v1.Uplink;
             * }}
             */
            Uplink.create = function(properties) {
                return new Uplink(properties);
            };

            /**
             * Encodes the specified Uplink message. Does not implicitly {@link streetlight.v1.Uplink.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.Uplink
             * @static
             * @param {streetlight.v1.Uplink.$Properties} message Uplink message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Uplink.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.protocolVersion);
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.deviceId);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && message.seq !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.seq);
                if (message.time != null && $Object.hasOwnProperty.call(message, "time") && message.time !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.time);
                if (message.mac != null && $Object.hasOwnProperty.call(message, "mac") && message.mac.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.mac);
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello"))
                    $root.streetlight.v1.Hello.encode(message.hello, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    $root.streetlight.v1.StateReport.encode(message.state, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.energy != null && $Object.hasOwnProperty.call(message, "energy"))
                    $root.streetlight.v1.EnergyReport.encode(message.energy, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.event != null && $Object.hasOwnProperty.call(message, "event"))
                    $root.streetlight.v1.DeviceEvent.encode(message.event, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack"))
                    $root.streetlight.v1.CommandAck.encode(message.ack, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                if (message.otaStatus != null && $Object.hasOwnProperty.call(message, "otaStatus"))
                    $root.streetlight.v1.OtaStatus.encode(message.otaStatus, writer.uint32(/* id 15, wireType 2 =*/122).fork(), _depth + 1).ldelim();
                if (message.detection != null && $Object.hasOwnProperty.call(message, "detection"))
                    $root.streetlight.v1.PresenceDetection.encode(message.detection, writer.uint32(/* id 16, wireType 2 =*/130).fork(), _depth + 1).ldelim();
                if (message.profile != null && $Object.hasOwnProperty.call(message, "profile"))
                    $root.streetlight.v1.TrafficProfile.encode(message.profile, writer.uint32(/* id 17, wireType 2 =*/138).fork(), _depth + 1).ldelim();
                if (message.luminaire != null && $Object.hasOwnProperty.call(message, "luminaire"))
                    $root.streetlight.v1.LuminaireReport.encode(message.luminaire, writer.uint32(/* id 18, wireType 2 =*/146).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Uplink message, length delimited. Does not implicitly {@link streetlight.v1.Uplink.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.Uplink
             * @static
             * @param {streetlight.v1.Uplink.$Properties} message Uplink message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Uplink.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Uplink message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.Uplink
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.Uplink & streetlight.v1.Uplink.$Shape} Uplink
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Uplink.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.Uplink();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.protocolVersion = value;
                            else
                                delete message.protocolVersion;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.time = value;
                            else
                                delete message.time;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.mac = value;
                            else
                                delete message.mac;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.hello = $root.streetlight.v1.Hello.decode(reader, reader.size(), $undefined, _depth + 1, message.hello);
                            message.body = "hello";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.state = $root.streetlight.v1.StateReport.decode(reader, reader.size(), $undefined, _depth + 1, message.state);
                            message.body = "state";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.energy = $root.streetlight.v1.EnergyReport.decode(reader, reader.size(), $undefined, _depth + 1, message.energy);
                            message.body = "energy";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.event = $root.streetlight.v1.DeviceEvent.decode(reader, reader.size(), $undefined, _depth + 1, message.event);
                            message.body = "event";
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            message.ack = $root.streetlight.v1.CommandAck.decode(reader, reader.size(), $undefined, _depth + 1, message.ack);
                            message.body = "ack";
                            continue;
                        }
                    case 15: {
                            if (wireType !== 2)
                                break;
                            message.otaStatus = $root.streetlight.v1.OtaStatus.decode(reader, reader.size(), $undefined, _depth + 1, message.otaStatus);
                            message.body = "otaStatus";
                            continue;
                        }
                    case 16: {
                            if (wireType !== 2)
                                break;
                            message.detection = $root.streetlight.v1.PresenceDetection.decode(reader, reader.size(), $undefined, _depth + 1, message.detection);
                            message.body = "detection";
                            continue;
                        }
                    case 17: {
                            if (wireType !== 2)
                                break;
                            message.profile = $root.streetlight.v1.TrafficProfile.decode(reader, reader.size(), $undefined, _depth + 1, message.profile);
                            message.body = "profile";
                            continue;
                        }
                    case 18: {
                            if (wireType !== 2)
                                break;
                            message.luminaire = $root.streetlight.v1.LuminaireReport.decode(reader, reader.size(), $undefined, _depth + 1, message.luminaire);
                            message.body = "luminaire";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an Uplink message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.Uplink
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.Uplink & streetlight.v1.Uplink.$Shape} Uplink
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Uplink.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Uplink message.
             * @function verify
             * @memberof streetlight.v1.Uplink
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Uplink.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                let properties = {};
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                    if (!$util.isInteger(message.protocolVersion))
                        return "protocolVersion: integer expected";
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    if (!$util.isString(message.deviceId))
                        return "deviceId: string expected";
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (!$util.isInteger(message.seq))
                        return "seq: integer expected";
                if (message.time != null && $Object.hasOwnProperty.call(message, "time"))
                    if (!$util.isInteger(message.time))
                        return "time: integer expected";
                if (message.mac != null && $Object.hasOwnProperty.call(message, "mac"))
                    if (!(message.mac && typeof message.mac.length === "number" || $util.isString(message.mac)))
                        return "mac: buffer expected";
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello")) {
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.Hello.verify(message.hello, _depth + 1);
                        if (error)
                            return "hello." + error;
                    }
                }
                if (message.state != null && $Object.hasOwnProperty.call(message, "state")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.StateReport.verify(message.state, _depth + 1);
                        if (error)
                            return "state." + error;
                    }
                }
                if (message.energy != null && $Object.hasOwnProperty.call(message, "energy")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.EnergyReport.verify(message.energy, _depth + 1);
                        if (error)
                            return "energy." + error;
                    }
                }
                if (message.event != null && $Object.hasOwnProperty.call(message, "event")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.DeviceEvent.verify(message.event, _depth + 1);
                        if (error)
                            return "event." + error;
                    }
                }
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.CommandAck.verify(message.ack, _depth + 1);
                        if (error)
                            return "ack." + error;
                    }
                }
                if (message.otaStatus != null && $Object.hasOwnProperty.call(message, "otaStatus")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.OtaStatus.verify(message.otaStatus, _depth + 1);
                        if (error)
                            return "otaStatus." + error;
                    }
                }
                if (message.detection != null && $Object.hasOwnProperty.call(message, "detection")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.PresenceDetection.verify(message.detection, _depth + 1);
                        if (error)
                            return "detection." + error;
                    }
                }
                if (message.profile != null && $Object.hasOwnProperty.call(message, "profile")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.TrafficProfile.verify(message.profile, _depth + 1);
                        if (error)
                            return "profile." + error;
                    }
                }
                if (message.luminaire != null && $Object.hasOwnProperty.call(message, "luminaire")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.LuminaireReport.verify(message.luminaire, _depth + 1);
                        if (error)
                            return "luminaire." + error;
                    }
                }
                return null;
            };

            /**
             * Creates an Uplink message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.Uplink
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.Uplink} Uplink
             */
            Uplink.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.Uplink)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.Uplink: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.Uplink();
                if (object.protocolVersion != null)
                    if ($Number(object.protocolVersion) !== 0)
                        message.protocolVersion = object.protocolVersion >>> 0;
                if (object.deviceId != null)
                    if (typeof object.deviceId !== "string" || object.deviceId.length)
                        message.deviceId = $String(object.deviceId);
                if (object.seq != null)
                    if ($Number(object.seq) !== 0)
                        message.seq = object.seq >>> 0;
                if (object.time != null)
                    if ($Number(object.time) !== 0)
                        message.time = object.time >>> 0;
                if (object.mac != null)
                    if (object.mac.length)
                        if (typeof object.mac === "string")
                            $util.base64.decode(object.mac, message.mac = $util.newBuffer($util.base64.length(object.mac)), 0);
                        else if (object.mac.length >= 0)
                            message.mac = object.mac;
                if (object.hello != null) {
                    if (!$util.isObject(object.hello))
                        throw $TypeError(".streetlight.v1.Uplink.hello: object expected");
                    message.hello = $root.streetlight.v1.Hello.fromObject(object.hello, _depth + 1);
                }
                if (object.state != null) {
                    if (!$util.isObject(object.state))
                        throw $TypeError(".streetlight.v1.Uplink.state: object expected");
                    message.state = $root.streetlight.v1.StateReport.fromObject(object.state, _depth + 1);
                }
                if (object.energy != null) {
                    if (!$util.isObject(object.energy))
                        throw $TypeError(".streetlight.v1.Uplink.energy: object expected");
                    message.energy = $root.streetlight.v1.EnergyReport.fromObject(object.energy, _depth + 1);
                }
                if (object.event != null) {
                    if (!$util.isObject(object.event))
                        throw $TypeError(".streetlight.v1.Uplink.event: object expected");
                    message.event = $root.streetlight.v1.DeviceEvent.fromObject(object.event, _depth + 1);
                }
                if (object.ack != null) {
                    if (!$util.isObject(object.ack))
                        throw $TypeError(".streetlight.v1.Uplink.ack: object expected");
                    message.ack = $root.streetlight.v1.CommandAck.fromObject(object.ack, _depth + 1);
                }
                if (object.otaStatus != null) {
                    if (!$util.isObject(object.otaStatus))
                        throw $TypeError(".streetlight.v1.Uplink.otaStatus: object expected");
                    message.otaStatus = $root.streetlight.v1.OtaStatus.fromObject(object.otaStatus, _depth + 1);
                }
                if (object.detection != null) {
                    if (!$util.isObject(object.detection))
                        throw $TypeError(".streetlight.v1.Uplink.detection: object expected");
                    message.detection = $root.streetlight.v1.PresenceDetection.fromObject(object.detection, _depth + 1);
                }
                if (object.profile != null) {
                    if (!$util.isObject(object.profile))
                        throw $TypeError(".streetlight.v1.Uplink.profile: object expected");
                    message.profile = $root.streetlight.v1.TrafficProfile.fromObject(object.profile, _depth + 1);
                }
                if (object.luminaire != null) {
                    if (!$util.isObject(object.luminaire))
                        throw $TypeError(".streetlight.v1.Uplink.luminaire: object expected");
                    message.luminaire = $root.streetlight.v1.LuminaireReport.fromObject(object.luminaire, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from an Uplink message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.Uplink
             * @static
             * @param {streetlight.v1.Uplink} message Uplink
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Uplink.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.protocolVersion = 0;
                    object.deviceId = "";
                    object.seq = 0;
                    object.time = 0;
                    if (options.bytes === $String)
                        object.mac = "";
                    else {
                        object.mac = [];
                        if (options.bytes !== $Array)
                            object.mac = $util.newBuffer(object.mac);
                    }
                }
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                    object.protocolVersion = message.protocolVersion;
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    object.deviceId = message.deviceId;
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    object.seq = message.seq;
                if (message.time != null && $Object.hasOwnProperty.call(message, "time"))
                    object.time = message.time;
                if (message.mac != null && $Object.hasOwnProperty.call(message, "mac"))
                    object.mac = options.bytes === $String ? $util.base64.encode(message.mac, 0, message.mac.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.mac) : message.mac;
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello")) {
                    object.hello = $root.streetlight.v1.Hello.toObject(message.hello, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "hello";
                }
                if (message.state != null && $Object.hasOwnProperty.call(message, "state")) {
                    object.state = $root.streetlight.v1.StateReport.toObject(message.state, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "state";
                }
                if (message.energy != null && $Object.hasOwnProperty.call(message, "energy")) {
                    object.energy = $root.streetlight.v1.EnergyReport.toObject(message.energy, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "energy";
                }
                if (message.event != null && $Object.hasOwnProperty.call(message, "event")) {
                    object.event = $root.streetlight.v1.DeviceEvent.toObject(message.event, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "event";
                }
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack")) {
                    object.ack = $root.streetlight.v1.CommandAck.toObject(message.ack, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "ack";
                }
                if (message.otaStatus != null && $Object.hasOwnProperty.call(message, "otaStatus")) {
                    object.otaStatus = $root.streetlight.v1.OtaStatus.toObject(message.otaStatus, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "otaStatus";
                }
                if (message.detection != null && $Object.hasOwnProperty.call(message, "detection")) {
                    object.detection = $root.streetlight.v1.PresenceDetection.toObject(message.detection, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "detection";
                }
                if (message.profile != null && $Object.hasOwnProperty.call(message, "profile")) {
                    object.profile = $root.streetlight.v1.TrafficProfile.toObject(message.profile, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "profile";
                }
                if (message.luminaire != null && $Object.hasOwnProperty.call(message, "luminaire")) {
                    object.luminaire = $root.streetlight.v1.LuminaireReport.toObject(message.luminaire, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "luminaire";
                }
                return object;
            };

            /**
             * Converts this Uplink to JSON.
             * @function toJSON
             * @memberof streetlight.v1.Uplink
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Uplink.prototype.toJSON = function() {
                return Uplink.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Uplink
             * @function getTypeUrl
             * @memberof streetlight.v1.Uplink
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Uplink.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.Uplink";
            };

            return Uplink;
        })();

        v1.TrafficProfile = (function() {

            /**
             * Properties of a TrafficProfile.
             * @typedef {Object} streetlight.v1.TrafficProfile.$Properties
             * @property {number|null} [weeks] TrafficProfile weeks
             * @property {number|null} [cellMinutes] TrafficProfile cellMinutes
             * @property {Uint8Array|null} [cells] TrafficProfile cells
             * @property {number|null} [watchedCells] TrafficProfile watchedCells
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TrafficProfile.
             * @memberof streetlight.v1
             * @interface ITrafficProfile
             * @augments streetlight.v1.TrafficProfile.$Properties
             * @deprecated Use streetlight.v1.TrafficProfile.$Properties instead.
             */

            /**
             * Shape of a TrafficProfile.
             * @typedef {streetlight.v1.TrafficProfile.$Properties} streetlight.v1.TrafficProfile.$Shape
             */

            /**
             * Constructs a new TrafficProfile.
             * @memberof streetlight.v1
             * @classdesc Represents a TrafficProfile.
             * @constructor
             * @param {streetlight.v1.TrafficProfile.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TrafficProfile = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * TrafficProfile weeks.
             * @member {number} weeks
             * @memberof streetlight.v1.TrafficProfile
             * @instance
             */
            TrafficProfile.prototype.weeks = 0;

            /**
             * TrafficProfile cellMinutes.
             * @member {number} cellMinutes
             * @memberof streetlight.v1.TrafficProfile
             * @instance
             */
            TrafficProfile.prototype.cellMinutes = 0;

            /**
             * TrafficProfile cells.
             * @member {Uint8Array} cells
             * @memberof streetlight.v1.TrafficProfile
             * @instance
             */
            TrafficProfile.prototype.cells = $util.newBuffer([]);

            /**
             * TrafficProfile watchedCells.
             * @member {number} watchedCells
             * @memberof streetlight.v1.TrafficProfile
             * @instance
             */
            TrafficProfile.prototype.watchedCells = 0;

            /**
             * Creates a new TrafficProfile instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.TrafficProfile
             * @static
             * @param {streetlight.v1.TrafficProfile.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.TrafficProfile} TrafficProfile instance
             * @type {{
             *   (properties: streetlight.v1.TrafficProfile.$Shape): streetlight.v1.TrafficProfile & streetlight.v1.TrafficProfile.$Shape;
             *   (properties?: streetlight.v1.TrafficProfile.$Properties): streetlight.v1.TrafficProfile;
             * }}
             */
            TrafficProfile.create = function(properties) {
                return new TrafficProfile(properties);
            };

            /**
             * Encodes the specified TrafficProfile message. Does not implicitly {@link streetlight.v1.TrafficProfile.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.TrafficProfile
             * @static
             * @param {streetlight.v1.TrafficProfile.$Properties} message TrafficProfile message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TrafficProfile.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.weeks != null && $Object.hasOwnProperty.call(message, "weeks") && message.weeks !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.weeks);
                if (message.cellMinutes != null && $Object.hasOwnProperty.call(message, "cellMinutes") && message.cellMinutes !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.cellMinutes);
                if (message.cells != null && $Object.hasOwnProperty.call(message, "cells") && message.cells.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.cells);
                if (message.watchedCells != null && $Object.hasOwnProperty.call(message, "watchedCells") && message.watchedCells !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.watchedCells);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified TrafficProfile message, length delimited. Does not implicitly {@link streetlight.v1.TrafficProfile.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.TrafficProfile
             * @static
             * @param {streetlight.v1.TrafficProfile.$Properties} message TrafficProfile message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TrafficProfile.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a TrafficProfile message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.TrafficProfile
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.TrafficProfile & streetlight.v1.TrafficProfile.$Shape} TrafficProfile
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TrafficProfile.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.TrafficProfile();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.weeks = value;
                            else
                                delete message.weeks;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.cellMinutes = value;
                            else
                                delete message.cellMinutes;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.cells = value;
                            else
                                delete message.cells;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.watchedCells = value;
                            else
                                delete message.watchedCells;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a TrafficProfile message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.TrafficProfile
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.TrafficProfile & streetlight.v1.TrafficProfile.$Shape} TrafficProfile
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TrafficProfile.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a TrafficProfile message.
             * @function verify
             * @memberof streetlight.v1.TrafficProfile
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TrafficProfile.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.weeks != null && $Object.hasOwnProperty.call(message, "weeks"))
                    if (!$util.isInteger(message.weeks))
                        return "weeks: integer expected";
                if (message.cellMinutes != null && $Object.hasOwnProperty.call(message, "cellMinutes"))
                    if (!$util.isInteger(message.cellMinutes))
                        return "cellMinutes: integer expected";
                if (message.cells != null && $Object.hasOwnProperty.call(message, "cells"))
                    if (!(message.cells && typeof message.cells.length === "number" || $util.isString(message.cells)))
                        return "cells: buffer expected";
                if (message.watchedCells != null && $Object.hasOwnProperty.call(message, "watchedCells"))
                    if (!$util.isInteger(message.watchedCells))
                        return "watchedCells: integer expected";
                return null;
            };

            /**
             * Creates a TrafficProfile message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.TrafficProfile
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.TrafficProfile} TrafficProfile
             */
            TrafficProfile.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.TrafficProfile)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.TrafficProfile: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.TrafficProfile();
                if (object.weeks != null)
                    if ($Number(object.weeks) !== 0)
                        message.weeks = object.weeks >>> 0;
                if (object.cellMinutes != null)
                    if ($Number(object.cellMinutes) !== 0)
                        message.cellMinutes = object.cellMinutes >>> 0;
                if (object.cells != null)
                    if (object.cells.length)
                        if (typeof object.cells === "string")
                            $util.base64.decode(object.cells, message.cells = $util.newBuffer($util.base64.length(object.cells)), 0);
                        else if (object.cells.length >= 0)
                            message.cells = object.cells;
                if (object.watchedCells != null)
                    if ($Number(object.watchedCells) !== 0)
                        message.watchedCells = object.watchedCells >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a TrafficProfile message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.TrafficProfile
             * @static
             * @param {streetlight.v1.TrafficProfile} message TrafficProfile
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TrafficProfile.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.weeks = 0;
                    object.cellMinutes = 0;
                    if (options.bytes === $String)
                        object.cells = "";
                    else {
                        object.cells = [];
                        if (options.bytes !== $Array)
                            object.cells = $util.newBuffer(object.cells);
                    }
                    object.watchedCells = 0;
                }
                if (message.weeks != null && $Object.hasOwnProperty.call(message, "weeks"))
                    object.weeks = message.weeks;
                if (message.cellMinutes != null && $Object.hasOwnProperty.call(message, "cellMinutes"))
                    object.cellMinutes = message.cellMinutes;
                if (message.cells != null && $Object.hasOwnProperty.call(message, "cells"))
                    object.cells = options.bytes === $String ? $util.base64.encode(message.cells, 0, message.cells.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.cells) : message.cells;
                if (message.watchedCells != null && $Object.hasOwnProperty.call(message, "watchedCells"))
                    object.watchedCells = message.watchedCells;
                return object;
            };

            /**
             * Converts this TrafficProfile to JSON.
             * @function toJSON
             * @memberof streetlight.v1.TrafficProfile
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TrafficProfile.prototype.toJSON = function() {
                return TrafficProfile.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TrafficProfile
             * @function getTypeUrl
             * @memberof streetlight.v1.TrafficProfile
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TrafficProfile.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.TrafficProfile";
            };

            return TrafficProfile;
        })();

        /**
         * LuminaireReason enum.
         * @name streetlight.v1.LuminaireReason
         * @enum {number}
         * @property {number} LUMINAIRE_REASON_UNSPECIFIED=0 LUMINAIRE_REASON_UNSPECIFIED value
         * @property {number} LUMINAIRE_REASON_BOOT=1 LUMINAIRE_REASON_BOOT value
         * @property {number} LUMINAIRE_REASON_REQUESTED=2 LUMINAIRE_REASON_REQUESTED value
         * @property {number} LUMINAIRE_REASON_PERIODIC=3 LUMINAIRE_REASON_PERIODIC value
         */
        v1.LuminaireReason = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "LUMINAIRE_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "LUMINAIRE_REASON_BOOT"] = 1;
            values[valuesById[2] = "LUMINAIRE_REASON_REQUESTED"] = 2;
            values[valuesById[3] = "LUMINAIRE_REASON_PERIODIC"] = 3;
            return values;
        })();

        v1.LuminaireReport = (function() {

            /**
             * Properties of a LuminaireReport.
             * @typedef {Object} streetlight.v1.LuminaireReport.$Properties
             * @property {number|null} [readAt] LuminaireReport readAt
             * @property {streetlight.v1.LuminaireReason|null} [reason] LuminaireReport reason
             * @property {boolean|null} [d4i] LuminaireReport d4i
             * @property {number|null} [gtin] LuminaireReport gtin
             * @property {Uint8Array|null} [serial] LuminaireReport serial
             * @property {number|null} [gearGtin] LuminaireReport gearGtin
             * @property {Uint8Array|null} [gearSerial] LuminaireReport gearSerial
             * @property {number|null} [gearFirmware] LuminaireReport gearFirmware
             * @property {number|null} [yearOfManufacture] LuminaireReport yearOfManufacture
             * @property {number|null} [weekOfManufacture] LuminaireReport weekOfManufacture
             * @property {number|null} [nominalPowerW] LuminaireReport nominalPowerW
             * @property {number|null} [minDimPowerW] LuminaireReport minDimPowerW
             * @property {number|null} [minMainsV] LuminaireReport minMainsV
             * @property {number|null} [maxMainsV] LuminaireReport maxMainsV
             * @property {number|null} [fluxLm] LuminaireReport fluxLm
             * @property {number|null} [cri] LuminaireReport cri
             * @property {number|null} [cctK] LuminaireReport cctK
             * @property {number|null} [distribution] LuminaireReport distribution
             * @property {number|null} [energyWh] LuminaireReport energyWh
             * @property {number|null} [powerDw] LuminaireReport powerDw
             * @property {number|null} [operatingTimeS] LuminaireReport operatingTimeS
             * @property {number|null} [startCount] LuminaireReport startCount
             * @property {number|null} [supplyDv] LuminaireReport supplyDv
             * @property {number|null} [gearTemperatureC] LuminaireReport gearTemperatureC
             * @property {number|null} [ledOnTimeS] LuminaireReport ledOnTimeS
             * @property {number|null} [ledVoltageDv] LuminaireReport ledVoltageDv
             * @property {number|null} [ledCurrentMa] LuminaireReport ledCurrentMa
             * @property {number|null} [ledTemperatureC] LuminaireReport ledTemperatureC
             * @property {number|null} [failures] LuminaireReport failures
             * @property {number|null} [actualLevel] LuminaireReport actualLevel
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LuminaireReport.
             * @memberof streetlight.v1
             * @interface ILuminaireReport
             * @augments streetlight.v1.LuminaireReport.$Properties
             * @deprecated Use streetlight.v1.LuminaireReport.$Properties instead.
             */

            /**
             * Shape of a LuminaireReport.
             * @typedef {streetlight.v1.LuminaireReport.$Properties} streetlight.v1.LuminaireReport.$Shape
             */

            /**
             * Constructs a new LuminaireReport.
             * @memberof streetlight.v1
             * @classdesc Represents a LuminaireReport.
             * @constructor
             * @param {streetlight.v1.LuminaireReport.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LuminaireReport = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * LuminaireReport readAt.
             * @member {number} readAt
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.readAt = 0;

            /**
             * LuminaireReport reason.
             * @member {streetlight.v1.LuminaireReason} reason
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.reason = 0;

            /**
             * LuminaireReport d4i.
             * @member {boolean} d4i
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.d4i = false;

            /**
             * LuminaireReport gtin.
             * @member {number} gtin
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.gtin = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * LuminaireReport serial.
             * @member {Uint8Array} serial
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.serial = $util.newBuffer([]);

            /**
             * LuminaireReport gearGtin.
             * @member {number} gearGtin
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.gearGtin = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * LuminaireReport gearSerial.
             * @member {Uint8Array} gearSerial
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.gearSerial = $util.newBuffer([]);

            /**
             * LuminaireReport gearFirmware.
             * @member {number} gearFirmware
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.gearFirmware = 0;

            /**
             * LuminaireReport yearOfManufacture.
             * @member {number} yearOfManufacture
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.yearOfManufacture = 0;

            /**
             * LuminaireReport weekOfManufacture.
             * @member {number} weekOfManufacture
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.weekOfManufacture = 0;

            /**
             * LuminaireReport nominalPowerW.
             * @member {number} nominalPowerW
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.nominalPowerW = 0;

            /**
             * LuminaireReport minDimPowerW.
             * @member {number} minDimPowerW
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.minDimPowerW = 0;

            /**
             * LuminaireReport minMainsV.
             * @member {number} minMainsV
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.minMainsV = 0;

            /**
             * LuminaireReport maxMainsV.
             * @member {number} maxMainsV
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.maxMainsV = 0;

            /**
             * LuminaireReport fluxLm.
             * @member {number} fluxLm
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.fluxLm = 0;

            /**
             * LuminaireReport cri.
             * @member {number} cri
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.cri = 0;

            /**
             * LuminaireReport cctK.
             * @member {number} cctK
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.cctK = 0;

            /**
             * LuminaireReport distribution.
             * @member {number} distribution
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.distribution = 0;

            /**
             * LuminaireReport energyWh.
             * @member {number} energyWh
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.energyWh = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * LuminaireReport powerDw.
             * @member {number} powerDw
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.powerDw = 0;

            /**
             * LuminaireReport operatingTimeS.
             * @member {number} operatingTimeS
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.operatingTimeS = 0;

            /**
             * LuminaireReport startCount.
             * @member {number} startCount
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.startCount = 0;

            /**
             * LuminaireReport supplyDv.
             * @member {number} supplyDv
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.supplyDv = 0;

            /**
             * LuminaireReport gearTemperatureC.
             * @member {number} gearTemperatureC
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.gearTemperatureC = 0;

            /**
             * LuminaireReport ledOnTimeS.
             * @member {number} ledOnTimeS
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.ledOnTimeS = 0;

            /**
             * LuminaireReport ledVoltageDv.
             * @member {number} ledVoltageDv
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.ledVoltageDv = 0;

            /**
             * LuminaireReport ledCurrentMa.
             * @member {number} ledCurrentMa
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.ledCurrentMa = 0;

            /**
             * LuminaireReport ledTemperatureC.
             * @member {number} ledTemperatureC
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.ledTemperatureC = 0;

            /**
             * LuminaireReport failures.
             * @member {number} failures
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.failures = 0;

            /**
             * LuminaireReport actualLevel.
             * @member {number} actualLevel
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             */
            LuminaireReport.prototype.actualLevel = 0;

            /**
             * Creates a new LuminaireReport instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.LuminaireReport
             * @static
             * @param {streetlight.v1.LuminaireReport.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.LuminaireReport} LuminaireReport instance
             * @type {{
             *   (properties: streetlight.v1.LuminaireReport.$Shape): streetlight.v1.LuminaireReport & streetlight.v1.LuminaireReport.$Shape;
             *   (properties?: streetlight.v1.LuminaireReport.$Properties): streetlight.v1.LuminaireReport;
             * }}
             */
            LuminaireReport.create = function(properties) {
                return new LuminaireReport(properties);
            };

            /**
             * Encodes the specified LuminaireReport message. Does not implicitly {@link streetlight.v1.LuminaireReport.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.LuminaireReport
             * @static
             * @param {streetlight.v1.LuminaireReport.$Properties} message LuminaireReport message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LuminaireReport.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.readAt != null && $Object.hasOwnProperty.call(message, "readAt") && message.readAt !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.readAt);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.reason);
                if (message.d4i != null && $Object.hasOwnProperty.call(message, "d4i") && message.d4i !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.d4i);
                if (message.gtin != null && $Object.hasOwnProperty.call(message, "gtin") && (typeof message.gtin === "object" ? message.gtin.low || message.gtin.high : message.gtin !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.gtin);
                if (message.serial != null && $Object.hasOwnProperty.call(message, "serial") && message.serial.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.serial);
                if (message.gearGtin != null && $Object.hasOwnProperty.call(message, "gearGtin") && (typeof message.gearGtin === "object" ? message.gearGtin.low || message.gearGtin.high : message.gearGtin !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.gearGtin);
                if (message.gearSerial != null && $Object.hasOwnProperty.call(message, "gearSerial") && message.gearSerial.length)
                    writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.gearSerial);
                if (message.gearFirmware != null && $Object.hasOwnProperty.call(message, "gearFirmware") && message.gearFirmware !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.gearFirmware);
                if (message.yearOfManufacture != null && $Object.hasOwnProperty.call(message, "yearOfManufacture") && message.yearOfManufacture !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.yearOfManufacture);
                if (message.weekOfManufacture != null && $Object.hasOwnProperty.call(message, "weekOfManufacture") && message.weekOfManufacture !== 0)
                    writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.weekOfManufacture);
                if (message.nominalPowerW != null && $Object.hasOwnProperty.call(message, "nominalPowerW") && message.nominalPowerW !== 0)
                    writer.uint32(/* id 11, wireType 0 =*/88).uint32(message.nominalPowerW);
                if (message.minDimPowerW != null && $Object.hasOwnProperty.call(message, "minDimPowerW") && message.minDimPowerW !== 0)
                    writer.uint32(/* id 12, wireType 0 =*/96).uint32(message.minDimPowerW);
                if (message.minMainsV != null && $Object.hasOwnProperty.call(message, "minMainsV") && message.minMainsV !== 0)
                    writer.uint32(/* id 13, wireType 0 =*/104).uint32(message.minMainsV);
                if (message.maxMainsV != null && $Object.hasOwnProperty.call(message, "maxMainsV") && message.maxMainsV !== 0)
                    writer.uint32(/* id 14, wireType 0 =*/112).uint32(message.maxMainsV);
                if (message.fluxLm != null && $Object.hasOwnProperty.call(message, "fluxLm") && message.fluxLm !== 0)
                    writer.uint32(/* id 15, wireType 0 =*/120).uint32(message.fluxLm);
                if (message.cri != null && $Object.hasOwnProperty.call(message, "cri") && message.cri !== 0)
                    writer.uint32(/* id 16, wireType 0 =*/128).uint32(message.cri);
                if (message.cctK != null && $Object.hasOwnProperty.call(message, "cctK") && message.cctK !== 0)
                    writer.uint32(/* id 17, wireType 0 =*/136).uint32(message.cctK);
                if (message.distribution != null && $Object.hasOwnProperty.call(message, "distribution") && message.distribution !== 0)
                    writer.uint32(/* id 18, wireType 0 =*/144).uint32(message.distribution);
                if (message.energyWh != null && $Object.hasOwnProperty.call(message, "energyWh") && (typeof message.energyWh === "object" ? message.energyWh.low || message.energyWh.high : message.energyWh !== 0))
                    writer.uint32(/* id 20, wireType 0 =*/160).uint64(message.energyWh);
                if (message.powerDw != null && $Object.hasOwnProperty.call(message, "powerDw") && message.powerDw !== 0)
                    writer.uint32(/* id 21, wireType 0 =*/168).uint32(message.powerDw);
                if (message.operatingTimeS != null && $Object.hasOwnProperty.call(message, "operatingTimeS") && message.operatingTimeS !== 0)
                    writer.uint32(/* id 22, wireType 0 =*/176).uint32(message.operatingTimeS);
                if (message.startCount != null && $Object.hasOwnProperty.call(message, "startCount") && message.startCount !== 0)
                    writer.uint32(/* id 23, wireType 0 =*/184).uint32(message.startCount);
                if (message.supplyDv != null && $Object.hasOwnProperty.call(message, "supplyDv") && message.supplyDv !== 0)
                    writer.uint32(/* id 24, wireType 0 =*/192).uint32(message.supplyDv);
                if (message.gearTemperatureC != null && $Object.hasOwnProperty.call(message, "gearTemperatureC") && message.gearTemperatureC !== 0)
                    writer.uint32(/* id 25, wireType 0 =*/200).sint32(message.gearTemperatureC);
                if (message.ledOnTimeS != null && $Object.hasOwnProperty.call(message, "ledOnTimeS") && message.ledOnTimeS !== 0)
                    writer.uint32(/* id 26, wireType 0 =*/208).uint32(message.ledOnTimeS);
                if (message.ledVoltageDv != null && $Object.hasOwnProperty.call(message, "ledVoltageDv") && message.ledVoltageDv !== 0)
                    writer.uint32(/* id 27, wireType 0 =*/216).uint32(message.ledVoltageDv);
                if (message.ledCurrentMa != null && $Object.hasOwnProperty.call(message, "ledCurrentMa") && message.ledCurrentMa !== 0)
                    writer.uint32(/* id 28, wireType 0 =*/224).uint32(message.ledCurrentMa);
                if (message.ledTemperatureC != null && $Object.hasOwnProperty.call(message, "ledTemperatureC") && message.ledTemperatureC !== 0)
                    writer.uint32(/* id 29, wireType 0 =*/232).sint32(message.ledTemperatureC);
                if (message.failures != null && $Object.hasOwnProperty.call(message, "failures") && message.failures !== 0)
                    writer.uint32(/* id 30, wireType 0 =*/240).uint32(message.failures);
                if (message.actualLevel != null && $Object.hasOwnProperty.call(message, "actualLevel") && message.actualLevel !== 0)
                    writer.uint32(/* id 31, wireType 0 =*/248).uint32(message.actualLevel);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified LuminaireReport message, length delimited. Does not implicitly {@link streetlight.v1.LuminaireReport.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.LuminaireReport
             * @static
             * @param {streetlight.v1.LuminaireReport.$Properties} message LuminaireReport message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LuminaireReport.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a LuminaireReport message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.LuminaireReport
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.LuminaireReport & streetlight.v1.LuminaireReport.$Shape} LuminaireReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LuminaireReport.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.LuminaireReport();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.readAt = value;
                            else
                                delete message.readAt;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.d4i = value;
                            else
                                delete message.d4i;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.gtin = value;
                            else
                                delete message.gtin;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.serial = value;
                            else
                                delete message.serial;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.gearGtin = value;
                            else
                                delete message.gearGtin;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.gearSerial = value;
                            else
                                delete message.gearSerial;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.gearFirmware = value;
                            else
                                delete message.gearFirmware;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.yearOfManufacture = value;
                            else
                                delete message.yearOfManufacture;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.weekOfManufacture = value;
                            else
                                delete message.weekOfManufacture;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.nominalPowerW = value;
                            else
                                delete message.nominalPowerW;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.minDimPowerW = value;
                            else
                                delete message.minDimPowerW;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.minMainsV = value;
                            else
                                delete message.minMainsV;
                            continue;
                        }
                    case 14: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxMainsV = value;
                            else
                                delete message.maxMainsV;
                            continue;
                        }
                    case 15: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.fluxLm = value;
                            else
                                delete message.fluxLm;
                            continue;
                        }
                    case 16: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.cri = value;
                            else
                                delete message.cri;
                            continue;
                        }
                    case 17: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.cctK = value;
                            else
                                delete message.cctK;
                            continue;
                        }
                    case 18: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.distribution = value;
                            else
                                delete message.distribution;
                            continue;
                        }
                    case 20: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.energyWh = value;
                            else
                                delete message.energyWh;
                            continue;
                        }
                    case 21: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.powerDw = value;
                            else
                                delete message.powerDw;
                            continue;
                        }
                    case 22: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.operatingTimeS = value;
                            else
                                delete message.operatingTimeS;
                            continue;
                        }
                    case 23: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.startCount = value;
                            else
                                delete message.startCount;
                            continue;
                        }
                    case 24: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.supplyDv = value;
                            else
                                delete message.supplyDv;
                            continue;
                        }
                    case 25: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.sint32())
                                message.gearTemperatureC = value;
                            else
                                delete message.gearTemperatureC;
                            continue;
                        }
                    case 26: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.ledOnTimeS = value;
                            else
                                delete message.ledOnTimeS;
                            continue;
                        }
                    case 27: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.ledVoltageDv = value;
                            else
                                delete message.ledVoltageDv;
                            continue;
                        }
                    case 28: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.ledCurrentMa = value;
                            else
                                delete message.ledCurrentMa;
                            continue;
                        }
                    case 29: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.sint32())
                                message.ledTemperatureC = value;
                            else
                                delete message.ledTemperatureC;
                            continue;
                        }
                    case 30: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.failures = value;
                            else
                                delete message.failures;
                            continue;
                        }
                    case 31: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.actualLevel = value;
                            else
                                delete message.actualLevel;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a LuminaireReport message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.LuminaireReport
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.LuminaireReport & streetlight.v1.LuminaireReport.$Shape} LuminaireReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LuminaireReport.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a LuminaireReport message.
             * @function verify
             * @memberof streetlight.v1.LuminaireReport
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            LuminaireReport.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.readAt != null && $Object.hasOwnProperty.call(message, "readAt"))
                    if (!$util.isInteger(message.readAt))
                        return "readAt: integer expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (typeof message.reason !== "number" || (message.reason | 0) !== message.reason)
                        return "reason: enum value expected";
                if (message.d4i != null && $Object.hasOwnProperty.call(message, "d4i"))
                    if (typeof message.d4i !== "boolean")
                        return "d4i: boolean expected";
                if (message.gtin != null && $Object.hasOwnProperty.call(message, "gtin"))
                    if (!$util.isInteger(message.gtin) && !(message.gtin && $util.isInteger(message.gtin.low) && $util.isInteger(message.gtin.high)))
                        return "gtin: integer|Long expected";
                if (message.serial != null && $Object.hasOwnProperty.call(message, "serial"))
                    if (!(message.serial && typeof message.serial.length === "number" || $util.isString(message.serial)))
                        return "serial: buffer expected";
                if (message.gearGtin != null && $Object.hasOwnProperty.call(message, "gearGtin"))
                    if (!$util.isInteger(message.gearGtin) && !(message.gearGtin && $util.isInteger(message.gearGtin.low) && $util.isInteger(message.gearGtin.high)))
                        return "gearGtin: integer|Long expected";
                if (message.gearSerial != null && $Object.hasOwnProperty.call(message, "gearSerial"))
                    if (!(message.gearSerial && typeof message.gearSerial.length === "number" || $util.isString(message.gearSerial)))
                        return "gearSerial: buffer expected";
                if (message.gearFirmware != null && $Object.hasOwnProperty.call(message, "gearFirmware"))
                    if (!$util.isInteger(message.gearFirmware))
                        return "gearFirmware: integer expected";
                if (message.yearOfManufacture != null && $Object.hasOwnProperty.call(message, "yearOfManufacture"))
                    if (!$util.isInteger(message.yearOfManufacture))
                        return "yearOfManufacture: integer expected";
                if (message.weekOfManufacture != null && $Object.hasOwnProperty.call(message, "weekOfManufacture"))
                    if (!$util.isInteger(message.weekOfManufacture))
                        return "weekOfManufacture: integer expected";
                if (message.nominalPowerW != null && $Object.hasOwnProperty.call(message, "nominalPowerW"))
                    if (!$util.isInteger(message.nominalPowerW))
                        return "nominalPowerW: integer expected";
                if (message.minDimPowerW != null && $Object.hasOwnProperty.call(message, "minDimPowerW"))
                    if (!$util.isInteger(message.minDimPowerW))
                        return "minDimPowerW: integer expected";
                if (message.minMainsV != null && $Object.hasOwnProperty.call(message, "minMainsV"))
                    if (!$util.isInteger(message.minMainsV))
                        return "minMainsV: integer expected";
                if (message.maxMainsV != null && $Object.hasOwnProperty.call(message, "maxMainsV"))
                    if (!$util.isInteger(message.maxMainsV))
                        return "maxMainsV: integer expected";
                if (message.fluxLm != null && $Object.hasOwnProperty.call(message, "fluxLm"))
                    if (!$util.isInteger(message.fluxLm))
                        return "fluxLm: integer expected";
                if (message.cri != null && $Object.hasOwnProperty.call(message, "cri"))
                    if (!$util.isInteger(message.cri))
                        return "cri: integer expected";
                if (message.cctK != null && $Object.hasOwnProperty.call(message, "cctK"))
                    if (!$util.isInteger(message.cctK))
                        return "cctK: integer expected";
                if (message.distribution != null && $Object.hasOwnProperty.call(message, "distribution"))
                    if (!$util.isInteger(message.distribution))
                        return "distribution: integer expected";
                if (message.energyWh != null && $Object.hasOwnProperty.call(message, "energyWh"))
                    if (!$util.isInteger(message.energyWh) && !(message.energyWh && $util.isInteger(message.energyWh.low) && $util.isInteger(message.energyWh.high)))
                        return "energyWh: integer|Long expected";
                if (message.powerDw != null && $Object.hasOwnProperty.call(message, "powerDw"))
                    if (!$util.isInteger(message.powerDw))
                        return "powerDw: integer expected";
                if (message.operatingTimeS != null && $Object.hasOwnProperty.call(message, "operatingTimeS"))
                    if (!$util.isInteger(message.operatingTimeS))
                        return "operatingTimeS: integer expected";
                if (message.startCount != null && $Object.hasOwnProperty.call(message, "startCount"))
                    if (!$util.isInteger(message.startCount))
                        return "startCount: integer expected";
                if (message.supplyDv != null && $Object.hasOwnProperty.call(message, "supplyDv"))
                    if (!$util.isInteger(message.supplyDv))
                        return "supplyDv: integer expected";
                if (message.gearTemperatureC != null && $Object.hasOwnProperty.call(message, "gearTemperatureC"))
                    if (!$util.isInteger(message.gearTemperatureC))
                        return "gearTemperatureC: integer expected";
                if (message.ledOnTimeS != null && $Object.hasOwnProperty.call(message, "ledOnTimeS"))
                    if (!$util.isInteger(message.ledOnTimeS))
                        return "ledOnTimeS: integer expected";
                if (message.ledVoltageDv != null && $Object.hasOwnProperty.call(message, "ledVoltageDv"))
                    if (!$util.isInteger(message.ledVoltageDv))
                        return "ledVoltageDv: integer expected";
                if (message.ledCurrentMa != null && $Object.hasOwnProperty.call(message, "ledCurrentMa"))
                    if (!$util.isInteger(message.ledCurrentMa))
                        return "ledCurrentMa: integer expected";
                if (message.ledTemperatureC != null && $Object.hasOwnProperty.call(message, "ledTemperatureC"))
                    if (!$util.isInteger(message.ledTemperatureC))
                        return "ledTemperatureC: integer expected";
                if (message.failures != null && $Object.hasOwnProperty.call(message, "failures"))
                    if (!$util.isInteger(message.failures))
                        return "failures: integer expected";
                if (message.actualLevel != null && $Object.hasOwnProperty.call(message, "actualLevel"))
                    if (!$util.isInteger(message.actualLevel))
                        return "actualLevel: integer expected";
                return null;
            };

            /**
             * Creates a LuminaireReport message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.LuminaireReport
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.LuminaireReport} LuminaireReport
             */
            LuminaireReport.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.LuminaireReport)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.LuminaireReport: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.LuminaireReport();
                if (object.readAt != null)
                    if ($Number(object.readAt) !== 0)
                        message.readAt = object.readAt >>> 0;
                if (object.reason !== 0 && (typeof object.reason !== "string" || $root.streetlight.v1.LuminaireReason[object.reason] !== 0))
                    switch (object.reason) {
                    case "LUMINAIRE_REASON_UNSPECIFIED":
                    case 0:
                        message.reason = 0;
                        break;
                    case "LUMINAIRE_REASON_BOOT":
                    case 1:
                        message.reason = 1;
                        break;
                    case "LUMINAIRE_REASON_REQUESTED":
                    case 2:
                        message.reason = 2;
                        break;
                    case "LUMINAIRE_REASON_PERIODIC":
                    case 3:
                        message.reason = 3;
                        break;
                    default:
                        if (typeof object.reason === "number" && (object.reason | 0) === object.reason)
                            message.reason = object.reason;
                    }
                if (object.d4i != null)
                    if (object.d4i)
                        message.d4i = $Boolean(object.d4i);
                if (object.gtin != null)
                    if (typeof object.gtin === "object" ? object.gtin.low || object.gtin.high : $Number(object.gtin) !== 0)
                        if ($util.Long)
                            message.gtin = $util.Long.fromValue(object.gtin, true);
                        else if (typeof object.gtin === "string")
                            message.gtin = $parseInt(object.gtin, 10);
                        else if (typeof object.gtin === "number")
                            message.gtin = object.gtin;
                        else if (typeof object.gtin === "object")
                            message.gtin = new $util.LongBits(object.gtin.low >>> 0, object.gtin.high >>> 0).toNumber(true);
                if (object.serial != null)
                    if (object.serial.length)
                        if (typeof object.serial === "string")
                            $util.base64.decode(object.serial, message.serial = $util.newBuffer($util.base64.length(object.serial)), 0);
                        else if (object.serial.length >= 0)
                            message.serial = object.serial;
                if (object.gearGtin != null)
                    if (typeof object.gearGtin === "object" ? object.gearGtin.low || object.gearGtin.high : $Number(object.gearGtin) !== 0)
                        if ($util.Long)
                            message.gearGtin = $util.Long.fromValue(object.gearGtin, true);
                        else if (typeof object.gearGtin === "string")
                            message.gearGtin = $parseInt(object.gearGtin, 10);
                        else if (typeof object.gearGtin === "number")
                            message.gearGtin = object.gearGtin;
                        else if (typeof object.gearGtin === "object")
                            message.gearGtin = new $util.LongBits(object.gearGtin.low >>> 0, object.gearGtin.high >>> 0).toNumber(true);
                if (object.gearSerial != null)
                    if (object.gearSerial.length)
                        if (typeof object.gearSerial === "string")
                            $util.base64.decode(object.gearSerial, message.gearSerial = $util.newBuffer($util.base64.length(object.gearSerial)), 0);
                        else if (object.gearSerial.length >= 0)
                            message.gearSerial = object.gearSerial;
                if (object.gearFirmware != null)
                    if ($Number(object.gearFirmware) !== 0)
                        message.gearFirmware = object.gearFirmware >>> 0;
                if (object.yearOfManufacture != null)
                    if ($Number(object.yearOfManufacture) !== 0)
                        message.yearOfManufacture = object.yearOfManufacture >>> 0;
                if (object.weekOfManufacture != null)
                    if ($Number(object.weekOfManufacture) !== 0)
                        message.weekOfManufacture = object.weekOfManufacture >>> 0;
                if (object.nominalPowerW != null)
                    if ($Number(object.nominalPowerW) !== 0)
                        message.nominalPowerW = object.nominalPowerW >>> 0;
                if (object.minDimPowerW != null)
                    if ($Number(object.minDimPowerW) !== 0)
                        message.minDimPowerW = object.minDimPowerW >>> 0;
                if (object.minMainsV != null)
                    if ($Number(object.minMainsV) !== 0)
                        message.minMainsV = object.minMainsV >>> 0;
                if (object.maxMainsV != null)
                    if ($Number(object.maxMainsV) !== 0)
                        message.maxMainsV = object.maxMainsV >>> 0;
                if (object.fluxLm != null)
                    if ($Number(object.fluxLm) !== 0)
                        message.fluxLm = object.fluxLm >>> 0;
                if (object.cri != null)
                    if ($Number(object.cri) !== 0)
                        message.cri = object.cri >>> 0;
                if (object.cctK != null)
                    if ($Number(object.cctK) !== 0)
                        message.cctK = object.cctK >>> 0;
                if (object.distribution != null)
                    if ($Number(object.distribution) !== 0)
                        message.distribution = object.distribution >>> 0;
                if (object.energyWh != null)
                    if (typeof object.energyWh === "object" ? object.energyWh.low || object.energyWh.high : $Number(object.energyWh) !== 0)
                        if ($util.Long)
                            message.energyWh = $util.Long.fromValue(object.energyWh, true);
                        else if (typeof object.energyWh === "string")
                            message.energyWh = $parseInt(object.energyWh, 10);
                        else if (typeof object.energyWh === "number")
                            message.energyWh = object.energyWh;
                        else if (typeof object.energyWh === "object")
                            message.energyWh = new $util.LongBits(object.energyWh.low >>> 0, object.energyWh.high >>> 0).toNumber(true);
                if (object.powerDw != null)
                    if ($Number(object.powerDw) !== 0)
                        message.powerDw = object.powerDw >>> 0;
                if (object.operatingTimeS != null)
                    if ($Number(object.operatingTimeS) !== 0)
                        message.operatingTimeS = object.operatingTimeS >>> 0;
                if (object.startCount != null)
                    if ($Number(object.startCount) !== 0)
                        message.startCount = object.startCount >>> 0;
                if (object.supplyDv != null)
                    if ($Number(object.supplyDv) !== 0)
                        message.supplyDv = object.supplyDv >>> 0;
                if (object.gearTemperatureC != null)
                    if ($Number(object.gearTemperatureC) !== 0)
                        message.gearTemperatureC = object.gearTemperatureC | 0;
                if (object.ledOnTimeS != null)
                    if ($Number(object.ledOnTimeS) !== 0)
                        message.ledOnTimeS = object.ledOnTimeS >>> 0;
                if (object.ledVoltageDv != null)
                    if ($Number(object.ledVoltageDv) !== 0)
                        message.ledVoltageDv = object.ledVoltageDv >>> 0;
                if (object.ledCurrentMa != null)
                    if ($Number(object.ledCurrentMa) !== 0)
                        message.ledCurrentMa = object.ledCurrentMa >>> 0;
                if (object.ledTemperatureC != null)
                    if ($Number(object.ledTemperatureC) !== 0)
                        message.ledTemperatureC = object.ledTemperatureC | 0;
                if (object.failures != null)
                    if ($Number(object.failures) !== 0)
                        message.failures = object.failures >>> 0;
                if (object.actualLevel != null)
                    if ($Number(object.actualLevel) !== 0)
                        message.actualLevel = object.actualLevel >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a LuminaireReport message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.LuminaireReport
             * @static
             * @param {streetlight.v1.LuminaireReport} message LuminaireReport
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            LuminaireReport.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.readAt = 0;
                    object.reason = options.enums === $String ? "LUMINAIRE_REASON_UNSPECIFIED" : 0;
                    object.d4i = false;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.gtin = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.gtin = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (options.bytes === $String)
                        object.serial = "";
                    else {
                        object.serial = [];
                        if (options.bytes !== $Array)
                            object.serial = $util.newBuffer(object.serial);
                    }
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.gearGtin = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.gearGtin = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (options.bytes === $String)
                        object.gearSerial = "";
                    else {
                        object.gearSerial = [];
                        if (options.bytes !== $Array)
                            object.gearSerial = $util.newBuffer(object.gearSerial);
                    }
                    object.gearFirmware = 0;
                    object.yearOfManufacture = 0;
                    object.weekOfManufacture = 0;
                    object.nominalPowerW = 0;
                    object.minDimPowerW = 0;
                    object.minMainsV = 0;
                    object.maxMainsV = 0;
                    object.fluxLm = 0;
                    object.cri = 0;
                    object.cctK = 0;
                    object.distribution = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.energyWh = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.energyWh = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.powerDw = 0;
                    object.operatingTimeS = 0;
                    object.startCount = 0;
                    object.supplyDv = 0;
                    object.gearTemperatureC = 0;
                    object.ledOnTimeS = 0;
                    object.ledVoltageDv = 0;
                    object.ledCurrentMa = 0;
                    object.ledTemperatureC = 0;
                    object.failures = 0;
                    object.actualLevel = 0;
                }
                if (message.readAt != null && $Object.hasOwnProperty.call(message, "readAt"))
                    object.readAt = message.readAt;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = options.enums === $String ? $root.streetlight.v1.LuminaireReason[message.reason] === $undefined ? message.reason : $root.streetlight.v1.LuminaireReason[message.reason] : message.reason;
                if (message.d4i != null && $Object.hasOwnProperty.call(message, "d4i"))
                    object.d4i = message.d4i;
                if (message.gtin != null && $Object.hasOwnProperty.call(message, "gtin"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.gtin = typeof message.gtin === "number" ? $BigInt(message.gtin) : $util.Long.fromBits(message.gtin.low >>> 0, message.gtin.high >>> 0, true).toBigInt();
                    else if (typeof message.gtin === "number")
                        object.gtin = options.longs === $String ? $String(message.gtin) : message.gtin;
                    else
                        object.gtin = options.longs === $String ? $util.Long.prototype.toString.call(message.gtin) : options.longs === $Number ? new $util.LongBits(message.gtin.low >>> 0, message.gtin.high >>> 0).toNumber(true) : message.gtin;
                if (message.serial != null && $Object.hasOwnProperty.call(message, "serial"))
                    object.serial = options.bytes === $String ? $util.base64.encode(message.serial, 0, message.serial.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.serial) : message.serial;
                if (message.gearGtin != null && $Object.hasOwnProperty.call(message, "gearGtin"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.gearGtin = typeof message.gearGtin === "number" ? $BigInt(message.gearGtin) : $util.Long.fromBits(message.gearGtin.low >>> 0, message.gearGtin.high >>> 0, true).toBigInt();
                    else if (typeof message.gearGtin === "number")
                        object.gearGtin = options.longs === $String ? $String(message.gearGtin) : message.gearGtin;
                    else
                        object.gearGtin = options.longs === $String ? $util.Long.prototype.toString.call(message.gearGtin) : options.longs === $Number ? new $util.LongBits(message.gearGtin.low >>> 0, message.gearGtin.high >>> 0).toNumber(true) : message.gearGtin;
                if (message.gearSerial != null && $Object.hasOwnProperty.call(message, "gearSerial"))
                    object.gearSerial = options.bytes === $String ? $util.base64.encode(message.gearSerial, 0, message.gearSerial.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.gearSerial) : message.gearSerial;
                if (message.gearFirmware != null && $Object.hasOwnProperty.call(message, "gearFirmware"))
                    object.gearFirmware = message.gearFirmware;
                if (message.yearOfManufacture != null && $Object.hasOwnProperty.call(message, "yearOfManufacture"))
                    object.yearOfManufacture = message.yearOfManufacture;
                if (message.weekOfManufacture != null && $Object.hasOwnProperty.call(message, "weekOfManufacture"))
                    object.weekOfManufacture = message.weekOfManufacture;
                if (message.nominalPowerW != null && $Object.hasOwnProperty.call(message, "nominalPowerW"))
                    object.nominalPowerW = message.nominalPowerW;
                if (message.minDimPowerW != null && $Object.hasOwnProperty.call(message, "minDimPowerW"))
                    object.minDimPowerW = message.minDimPowerW;
                if (message.minMainsV != null && $Object.hasOwnProperty.call(message, "minMainsV"))
                    object.minMainsV = message.minMainsV;
                if (message.maxMainsV != null && $Object.hasOwnProperty.call(message, "maxMainsV"))
                    object.maxMainsV = message.maxMainsV;
                if (message.fluxLm != null && $Object.hasOwnProperty.call(message, "fluxLm"))
                    object.fluxLm = message.fluxLm;
                if (message.cri != null && $Object.hasOwnProperty.call(message, "cri"))
                    object.cri = message.cri;
                if (message.cctK != null && $Object.hasOwnProperty.call(message, "cctK"))
                    object.cctK = message.cctK;
                if (message.distribution != null && $Object.hasOwnProperty.call(message, "distribution"))
                    object.distribution = message.distribution;
                if (message.energyWh != null && $Object.hasOwnProperty.call(message, "energyWh"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.energyWh = typeof message.energyWh === "number" ? $BigInt(message.energyWh) : $util.Long.fromBits(message.energyWh.low >>> 0, message.energyWh.high >>> 0, true).toBigInt();
                    else if (typeof message.energyWh === "number")
                        object.energyWh = options.longs === $String ? $String(message.energyWh) : message.energyWh;
                    else
                        object.energyWh = options.longs === $String ? $util.Long.prototype.toString.call(message.energyWh) : options.longs === $Number ? new $util.LongBits(message.energyWh.low >>> 0, message.energyWh.high >>> 0).toNumber(true) : message.energyWh;
                if (message.powerDw != null && $Object.hasOwnProperty.call(message, "powerDw"))
                    object.powerDw = message.powerDw;
                if (message.operatingTimeS != null && $Object.hasOwnProperty.call(message, "operatingTimeS"))
                    object.operatingTimeS = message.operatingTimeS;
                if (message.startCount != null && $Object.hasOwnProperty.call(message, "startCount"))
                    object.startCount = message.startCount;
                if (message.supplyDv != null && $Object.hasOwnProperty.call(message, "supplyDv"))
                    object.supplyDv = message.supplyDv;
                if (message.gearTemperatureC != null && $Object.hasOwnProperty.call(message, "gearTemperatureC"))
                    object.gearTemperatureC = message.gearTemperatureC;
                if (message.ledOnTimeS != null && $Object.hasOwnProperty.call(message, "ledOnTimeS"))
                    object.ledOnTimeS = message.ledOnTimeS;
                if (message.ledVoltageDv != null && $Object.hasOwnProperty.call(message, "ledVoltageDv"))
                    object.ledVoltageDv = message.ledVoltageDv;
                if (message.ledCurrentMa != null && $Object.hasOwnProperty.call(message, "ledCurrentMa"))
                    object.ledCurrentMa = message.ledCurrentMa;
                if (message.ledTemperatureC != null && $Object.hasOwnProperty.call(message, "ledTemperatureC"))
                    object.ledTemperatureC = message.ledTemperatureC;
                if (message.failures != null && $Object.hasOwnProperty.call(message, "failures"))
                    object.failures = message.failures;
                if (message.actualLevel != null && $Object.hasOwnProperty.call(message, "actualLevel"))
                    object.actualLevel = message.actualLevel;
                return object;
            };

            /**
             * Converts this LuminaireReport to JSON.
             * @function toJSON
             * @memberof streetlight.v1.LuminaireReport
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            LuminaireReport.prototype.toJSON = function() {
                return LuminaireReport.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for LuminaireReport
             * @function getTypeUrl
             * @memberof streetlight.v1.LuminaireReport
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LuminaireReport.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.LuminaireReport";
            };

            return LuminaireReport;
        })();

        v1.PresenceDetection = (function() {

            /**
             * Properties of a PresenceDetection.
             * @typedef {Object} streetlight.v1.PresenceDetection.$Properties
             * @property {number|null} [detectedAt] PresenceDetection detectedAt
             * @property {number|null} [raisedLevel] PresenceDetection raisedLevel
             * @property {number|null} [holdS] PresenceDetection holdS
             * @property {number|null} [sinceLast] PresenceDetection sinceLast
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PresenceDetection.
             * @memberof streetlight.v1
             * @interface IPresenceDetection
             * @augments streetlight.v1.PresenceDetection.$Properties
             * @deprecated Use streetlight.v1.PresenceDetection.$Properties instead.
             */

            /**
             * Shape of a PresenceDetection.
             * @typedef {streetlight.v1.PresenceDetection.$Properties} streetlight.v1.PresenceDetection.$Shape
             */

            /**
             * Constructs a new PresenceDetection.
             * @memberof streetlight.v1
             * @classdesc Represents a PresenceDetection.
             * @constructor
             * @param {streetlight.v1.PresenceDetection.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PresenceDetection = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PresenceDetection detectedAt.
             * @member {number} detectedAt
             * @memberof streetlight.v1.PresenceDetection
             * @instance
             */
            PresenceDetection.prototype.detectedAt = 0;

            /**
             * PresenceDetection raisedLevel.
             * @member {number} raisedLevel
             * @memberof streetlight.v1.PresenceDetection
             * @instance
             */
            PresenceDetection.prototype.raisedLevel = 0;

            /**
             * PresenceDetection holdS.
             * @member {number} holdS
             * @memberof streetlight.v1.PresenceDetection
             * @instance
             */
            PresenceDetection.prototype.holdS = 0;

            /**
             * PresenceDetection sinceLast.
             * @member {number} sinceLast
             * @memberof streetlight.v1.PresenceDetection
             * @instance
             */
            PresenceDetection.prototype.sinceLast = 0;

            /**
             * Creates a new PresenceDetection instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.PresenceDetection
             * @static
             * @param {streetlight.v1.PresenceDetection.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.PresenceDetection} PresenceDetection instance
             * @type {{
             *   (properties: streetlight.v1.PresenceDetection.$Shape): streetlight.v1.PresenceDetection & streetlight.v1.PresenceDetection.$Shape;
             *   (properties?: streetlight.v1.PresenceDetection.$Properties): streetlight.v1.PresenceDetection;
             * }}
             */
            PresenceDetection.create = function(properties) {
                return new PresenceDetection(properties);
            };

            /**
             * Encodes the specified PresenceDetection message. Does not implicitly {@link streetlight.v1.PresenceDetection.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.PresenceDetection
             * @static
             * @param {streetlight.v1.PresenceDetection.$Properties} message PresenceDetection message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PresenceDetection.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.detectedAt != null && $Object.hasOwnProperty.call(message, "detectedAt") && message.detectedAt !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.detectedAt);
                if (message.raisedLevel != null && $Object.hasOwnProperty.call(message, "raisedLevel") && message.raisedLevel !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.raisedLevel);
                if (message.holdS != null && $Object.hasOwnProperty.call(message, "holdS") && message.holdS !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.holdS);
                if (message.sinceLast != null && $Object.hasOwnProperty.call(message, "sinceLast") && message.sinceLast !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.sinceLast);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified PresenceDetection message, length delimited. Does not implicitly {@link streetlight.v1.PresenceDetection.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.PresenceDetection
             * @static
             * @param {streetlight.v1.PresenceDetection.$Properties} message PresenceDetection message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PresenceDetection.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PresenceDetection message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.PresenceDetection
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.PresenceDetection & streetlight.v1.PresenceDetection.$Shape} PresenceDetection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PresenceDetection.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.PresenceDetection();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.detectedAt = value;
                            else
                                delete message.detectedAt;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.raisedLevel = value;
                            else
                                delete message.raisedLevel;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.holdS = value;
                            else
                                delete message.holdS;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.sinceLast = value;
                            else
                                delete message.sinceLast;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a PresenceDetection message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.PresenceDetection
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.PresenceDetection & streetlight.v1.PresenceDetection.$Shape} PresenceDetection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PresenceDetection.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PresenceDetection message.
             * @function verify
             * @memberof streetlight.v1.PresenceDetection
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PresenceDetection.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.detectedAt != null && $Object.hasOwnProperty.call(message, "detectedAt"))
                    if (!$util.isInteger(message.detectedAt))
                        return "detectedAt: integer expected";
                if (message.raisedLevel != null && $Object.hasOwnProperty.call(message, "raisedLevel"))
                    if (!$util.isInteger(message.raisedLevel))
                        return "raisedLevel: integer expected";
                if (message.holdS != null && $Object.hasOwnProperty.call(message, "holdS"))
                    if (!$util.isInteger(message.holdS))
                        return "holdS: integer expected";
                if (message.sinceLast != null && $Object.hasOwnProperty.call(message, "sinceLast"))
                    if (!$util.isInteger(message.sinceLast))
                        return "sinceLast: integer expected";
                return null;
            };

            /**
             * Creates a PresenceDetection message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.PresenceDetection
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.PresenceDetection} PresenceDetection
             */
            PresenceDetection.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.PresenceDetection)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.PresenceDetection: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.PresenceDetection();
                if (object.detectedAt != null)
                    if ($Number(object.detectedAt) !== 0)
                        message.detectedAt = object.detectedAt >>> 0;
                if (object.raisedLevel != null)
                    if ($Number(object.raisedLevel) !== 0)
                        message.raisedLevel = object.raisedLevel >>> 0;
                if (object.holdS != null)
                    if ($Number(object.holdS) !== 0)
                        message.holdS = object.holdS >>> 0;
                if (object.sinceLast != null)
                    if ($Number(object.sinceLast) !== 0)
                        message.sinceLast = object.sinceLast >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a PresenceDetection message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.PresenceDetection
             * @static
             * @param {streetlight.v1.PresenceDetection} message PresenceDetection
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PresenceDetection.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.detectedAt = 0;
                    object.raisedLevel = 0;
                    object.holdS = 0;
                    object.sinceLast = 0;
                }
                if (message.detectedAt != null && $Object.hasOwnProperty.call(message, "detectedAt"))
                    object.detectedAt = message.detectedAt;
                if (message.raisedLevel != null && $Object.hasOwnProperty.call(message, "raisedLevel"))
                    object.raisedLevel = message.raisedLevel;
                if (message.holdS != null && $Object.hasOwnProperty.call(message, "holdS"))
                    object.holdS = message.holdS;
                if (message.sinceLast != null && $Object.hasOwnProperty.call(message, "sinceLast"))
                    object.sinceLast = message.sinceLast;
                return object;
            };

            /**
             * Converts this PresenceDetection to JSON.
             * @function toJSON
             * @memberof streetlight.v1.PresenceDetection
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PresenceDetection.prototype.toJSON = function() {
                return PresenceDetection.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PresenceDetection
             * @function getTypeUrl
             * @memberof streetlight.v1.PresenceDetection
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PresenceDetection.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.PresenceDetection";
            };

            return PresenceDetection;
        })();

        /**
         * ResetReason enum.
         * @name streetlight.v1.ResetReason
         * @enum {number}
         * @property {number} RESET_REASON_UNSPECIFIED=0 RESET_REASON_UNSPECIFIED value
         * @property {number} RESET_REASON_POWER_ON=1 RESET_REASON_POWER_ON value
         * @property {number} RESET_REASON_SOFTWARE=2 RESET_REASON_SOFTWARE value
         * @property {number} RESET_REASON_WATCHDOG=3 RESET_REASON_WATCHDOG value
         * @property {number} RESET_REASON_PANIC=4 RESET_REASON_PANIC value
         * @property {number} RESET_REASON_BROWNOUT=5 RESET_REASON_BROWNOUT value
         * @property {number} RESET_REASON_OTA=6 RESET_REASON_OTA value
         * @property {number} RESET_REASON_ROLLBACK=7 RESET_REASON_ROLLBACK value
         */
        v1.ResetReason = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "RESET_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "RESET_REASON_POWER_ON"] = 1;
            values[valuesById[2] = "RESET_REASON_SOFTWARE"] = 2;
            values[valuesById[3] = "RESET_REASON_WATCHDOG"] = 3;
            values[valuesById[4] = "RESET_REASON_PANIC"] = 4;
            values[valuesById[5] = "RESET_REASON_BROWNOUT"] = 5;
            values[valuesById[6] = "RESET_REASON_OTA"] = 6;
            values[valuesById[7] = "RESET_REASON_ROLLBACK"] = 7;
            return values;
        })();

        v1.Hello = (function() {

            /**
             * Properties of a Hello.
             * @typedef {Object} streetlight.v1.Hello.$Properties
             * @property {string|null} [firmwareVersion] Hello firmwareVersion
             * @property {string|null} [hardwareModel] Hello hardwareModel
             * @property {streetlight.v1.ResetReason|null} [resetReason] Hello resetReason
             * @property {number|null} [uptimeS] Hello uptimeS
             * @property {number|null} [bootCount] Hello bootCount
             * @property {number|null} [configVersion] Hello configVersion
             * @property {streetlight.v1.PlanRef.$Properties|null} [plan] Hello plan
             * @property {number|null} [overrideId] Hello overrideId
             * @property {streetlight.v1.ClockStatus|null} [clock] Hello clock
             * @property {number|null} [maxProtocolVersion] Hello maxProtocolVersion
             * @property {number|null} [downlinkFloor] Hello downlinkFloor
             * @property {number|null} [keyGeneration] Hello keyGeneration
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Hello.
             * @memberof streetlight.v1
             * @interface IHello
             * @augments streetlight.v1.Hello.$Properties
             * @deprecated Use streetlight.v1.Hello.$Properties instead.
             */

            /**
             * Shape of a Hello.
             * @typedef {streetlight.v1.Hello.$Properties} streetlight.v1.Hello.$Shape
             */

            /**
             * Constructs a new Hello.
             * @memberof streetlight.v1
             * @classdesc Represents a Hello.
             * @constructor
             * @param {streetlight.v1.Hello.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Hello = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Hello firmwareVersion.
             * @member {string} firmwareVersion
             * @memberof streetlight.v1.Hello
             * @instance
             */
            Hello.prototype.firmwareVersion = "";

            /**
             * Hello hardwareModel.
             * @member {string} hardwareModel
             * @memberof streetlight.v1.Hello
             * @instance
             */
            Hello.prototype.hardwareModel = "";

            /**
             * Hello resetReason.
             * @member {streetlight.v1.ResetReason} resetReason
             * @memberof streetlight.v1.Hello
             * @instance
             */
            Hello.prototype.resetReason = 0;

            /**
             * Hello uptimeS.
             * @member {number} uptimeS
             * @memberof streetlight.v1.Hello
             * @instance
             */
            Hello.prototype.uptimeS = 0;

            /**
             * Hello bootCount.
             * @member {number} bootCount
             * @memberof streetlight.v1.Hello
             * @instance
             */
            Hello.prototype.bootCount = 0;

            /**
             * Hello configVersion.
             * @member {number} configVersion
             * @memberof streetlight.v1.Hello
             * @instance
             */
            Hello.prototype.configVersion = 0;

            /**
             * Hello plan.
             * @member {streetlight.v1.PlanRef.$Properties|null|undefined} plan
             * @memberof streetlight.v1.Hello
             * @instance
             */
            Hello.prototype.plan = null;

            /**
             * Hello overrideId.
             * @member {number} overrideId
             * @memberof streetlight.v1.Hello
             * @instance
             */
            Hello.prototype.overrideId = 0;

            /**
             * Hello clock.
             * @member {streetlight.v1.ClockStatus} clock
             * @memberof streetlight.v1.Hello
             * @instance
             */
            Hello.prototype.clock = 0;

            /**
             * Hello maxProtocolVersion.
             * @member {number} maxProtocolVersion
             * @memberof streetlight.v1.Hello
             * @instance
             */
            Hello.prototype.maxProtocolVersion = 0;

            /**
             * Hello downlinkFloor.
             * @member {number} downlinkFloor
             * @memberof streetlight.v1.Hello
             * @instance
             */
            Hello.prototype.downlinkFloor = 0;

            /**
             * Hello keyGeneration.
             * @member {number} keyGeneration
             * @memberof streetlight.v1.Hello
             * @instance
             */
            Hello.prototype.keyGeneration = 0;

            /**
             * Creates a new Hello instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.Hello
             * @static
             * @param {streetlight.v1.Hello.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.Hello} Hello instance
             * @type {{
             *   (properties: streetlight.v1.Hello.$Shape): streetlight.v1.Hello & streetlight.v1.Hello.$Shape;
             *   (properties?: streetlight.v1.Hello.$Properties): streetlight.v1.Hello;
             * }}
             */
            Hello.create = function(properties) {
                return new Hello(properties);
            };

            /**
             * Encodes the specified Hello message. Does not implicitly {@link streetlight.v1.Hello.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.Hello
             * @static
             * @param {streetlight.v1.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.firmwareVersion != null && $Object.hasOwnProperty.call(message, "firmwareVersion") && message.firmwareVersion !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.firmwareVersion);
                if (message.hardwareModel != null && $Object.hasOwnProperty.call(message, "hardwareModel") && message.hardwareModel !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.hardwareModel);
                if (message.resetReason != null && $Object.hasOwnProperty.call(message, "resetReason") && message.resetReason !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.resetReason);
                if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS") && message.uptimeS !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.uptimeS);
                if (message.bootCount != null && $Object.hasOwnProperty.call(message, "bootCount") && message.bootCount !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.bootCount);
                if (message.configVersion != null && $Object.hasOwnProperty.call(message, "configVersion") && message.configVersion !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.configVersion);
                if (message.plan != null && $Object.hasOwnProperty.call(message, "plan"))
                    $root.streetlight.v1.PlanRef.encode(message.plan, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.overrideId != null && $Object.hasOwnProperty.call(message, "overrideId") && message.overrideId !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.overrideId);
                if (message.clock != null && $Object.hasOwnProperty.call(message, "clock") && message.clock !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).int32(message.clock);
                if (message.maxProtocolVersion != null && $Object.hasOwnProperty.call(message, "maxProtocolVersion") && message.maxProtocolVersion !== 0)
                    writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.maxProtocolVersion);
                if (message.downlinkFloor != null && $Object.hasOwnProperty.call(message, "downlinkFloor") && message.downlinkFloor !== 0)
                    writer.uint32(/* id 11, wireType 0 =*/88).uint32(message.downlinkFloor);
                if (message.keyGeneration != null && $Object.hasOwnProperty.call(message, "keyGeneration") && message.keyGeneration !== 0)
                    writer.uint32(/* id 12, wireType 0 =*/96).uint32(message.keyGeneration);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Hello message, length delimited. Does not implicitly {@link streetlight.v1.Hello.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.Hello
             * @static
             * @param {streetlight.v1.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.Hello & streetlight.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.Hello();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.firmwareVersion = value;
                            else
                                delete message.firmwareVersion;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.hardwareModel = value;
                            else
                                delete message.hardwareModel;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.resetReason = value;
                            else
                                delete message.resetReason;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.uptimeS = value;
                            else
                                delete message.uptimeS;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.bootCount = value;
                            else
                                delete message.bootCount;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.configVersion = value;
                            else
                                delete message.configVersion;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.plan = $root.streetlight.v1.PlanRef.decode(reader, reader.size(), $undefined, _depth + 1, message.plan);
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.overrideId = value;
                            else
                                delete message.overrideId;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.clock = value;
                            else
                                delete message.clock;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxProtocolVersion = value;
                            else
                                delete message.maxProtocolVersion;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.downlinkFloor = value;
                            else
                                delete message.downlinkFloor;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.keyGeneration = value;
                            else
                                delete message.keyGeneration;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Hello message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.Hello & streetlight.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Hello message.
             * @function verify
             * @memberof streetlight.v1.Hello
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Hello.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.firmwareVersion != null && $Object.hasOwnProperty.call(message, "firmwareVersion"))
                    if (!$util.isString(message.firmwareVersion))
                        return "firmwareVersion: string expected";
                if (message.hardwareModel != null && $Object.hasOwnProperty.call(message, "hardwareModel"))
                    if (!$util.isString(message.hardwareModel))
                        return "hardwareModel: string expected";
                if (message.resetReason != null && $Object.hasOwnProperty.call(message, "resetReason"))
                    if (typeof message.resetReason !== "number" || (message.resetReason | 0) !== message.resetReason)
                        return "resetReason: enum value expected";
                if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS"))
                    if (!$util.isInteger(message.uptimeS))
                        return "uptimeS: integer expected";
                if (message.bootCount != null && $Object.hasOwnProperty.call(message, "bootCount"))
                    if (!$util.isInteger(message.bootCount))
                        return "bootCount: integer expected";
                if (message.configVersion != null && $Object.hasOwnProperty.call(message, "configVersion"))
                    if (!$util.isInteger(message.configVersion))
                        return "configVersion: integer expected";
                if (message.plan != null && $Object.hasOwnProperty.call(message, "plan")) {
                    let error = $root.streetlight.v1.PlanRef.verify(message.plan, _depth + 1);
                    if (error)
                        return "plan." + error;
                }
                if (message.overrideId != null && $Object.hasOwnProperty.call(message, "overrideId"))
                    if (!$util.isInteger(message.overrideId))
                        return "overrideId: integer expected";
                if (message.clock != null && $Object.hasOwnProperty.call(message, "clock"))
                    if (typeof message.clock !== "number" || (message.clock | 0) !== message.clock)
                        return "clock: enum value expected";
                if (message.maxProtocolVersion != null && $Object.hasOwnProperty.call(message, "maxProtocolVersion"))
                    if (!$util.isInteger(message.maxProtocolVersion))
                        return "maxProtocolVersion: integer expected";
                if (message.downlinkFloor != null && $Object.hasOwnProperty.call(message, "downlinkFloor"))
                    if (!$util.isInteger(message.downlinkFloor))
                        return "downlinkFloor: integer expected";
                if (message.keyGeneration != null && $Object.hasOwnProperty.call(message, "keyGeneration"))
                    if (!$util.isInteger(message.keyGeneration))
                        return "keyGeneration: integer expected";
                return null;
            };

            /**
             * Creates a Hello message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.Hello
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.Hello} Hello
             */
            Hello.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.Hello)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.Hello: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.Hello();
                if (object.firmwareVersion != null)
                    if (typeof object.firmwareVersion !== "string" || object.firmwareVersion.length)
                        message.firmwareVersion = $String(object.firmwareVersion);
                if (object.hardwareModel != null)
                    if (typeof object.hardwareModel !== "string" || object.hardwareModel.length)
                        message.hardwareModel = $String(object.hardwareModel);
                if (object.resetReason !== 0 && (typeof object.resetReason !== "string" || $root.streetlight.v1.ResetReason[object.resetReason] !== 0))
                    switch (object.resetReason) {
                    case "RESET_REASON_UNSPECIFIED":
                    case 0:
                        message.resetReason = 0;
                        break;
                    case "RESET_REASON_POWER_ON":
                    case 1:
                        message.resetReason = 1;
                        break;
                    case "RESET_REASON_SOFTWARE":
                    case 2:
                        message.resetReason = 2;
                        break;
                    case "RESET_REASON_WATCHDOG":
                    case 3:
                        message.resetReason = 3;
                        break;
                    case "RESET_REASON_PANIC":
                    case 4:
                        message.resetReason = 4;
                        break;
                    case "RESET_REASON_BROWNOUT":
                    case 5:
                        message.resetReason = 5;
                        break;
                    case "RESET_REASON_OTA":
                    case 6:
                        message.resetReason = 6;
                        break;
                    case "RESET_REASON_ROLLBACK":
                    case 7:
                        message.resetReason = 7;
                        break;
                    default:
                        if (typeof object.resetReason === "number" && (object.resetReason | 0) === object.resetReason)
                            message.resetReason = object.resetReason;
                    }
                if (object.uptimeS != null)
                    if ($Number(object.uptimeS) !== 0)
                        message.uptimeS = object.uptimeS >>> 0;
                if (object.bootCount != null)
                    if ($Number(object.bootCount) !== 0)
                        message.bootCount = object.bootCount >>> 0;
                if (object.configVersion != null)
                    if ($Number(object.configVersion) !== 0)
                        message.configVersion = object.configVersion >>> 0;
                if (object.plan != null) {
                    if (!$util.isObject(object.plan))
                        throw $TypeError(".streetlight.v1.Hello.plan: object expected");
                    message.plan = $root.streetlight.v1.PlanRef.fromObject(object.plan, _depth + 1);
                }
                if (object.overrideId != null)
                    if ($Number(object.overrideId) !== 0)
                        message.overrideId = object.overrideId >>> 0;
                if (object.clock !== 0 && (typeof object.clock !== "string" || $root.streetlight.v1.ClockStatus[object.clock] !== 0))
                    switch (object.clock) {
                    case "CLOCK_STATUS_UNSPECIFIED":
                    case 0:
                        message.clock = 0;
                        break;
                    case "CLOCK_STATUS_UNSET":
                    case 1:
                        message.clock = 1;
                        break;
                    case "CLOCK_STATUS_RTC":
                    case 2:
                        message.clock = 2;
                        break;
                    case "CLOCK_STATUS_SYNCED":
                    case 3:
                        message.clock = 3;
                        break;
                    default:
                        if (typeof object.clock === "number" && (object.clock | 0) === object.clock)
                            message.clock = object.clock;
                    }
                if (object.maxProtocolVersion != null)
                    if ($Number(object.maxProtocolVersion) !== 0)
                        message.maxProtocolVersion = object.maxProtocolVersion >>> 0;
                if (object.downlinkFloor != null)
                    if ($Number(object.downlinkFloor) !== 0)
                        message.downlinkFloor = object.downlinkFloor >>> 0;
                if (object.keyGeneration != null)
                    if ($Number(object.keyGeneration) !== 0)
                        message.keyGeneration = object.keyGeneration >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a Hello message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.Hello
             * @static
             * @param {streetlight.v1.Hello} message Hello
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Hello.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.firmwareVersion = "";
                    object.hardwareModel = "";
                    object.resetReason = options.enums === $String ? "RESET_REASON_UNSPECIFIED" : 0;
                    object.uptimeS = 0;
                    object.bootCount = 0;
                    object.configVersion = 0;
                    object.plan = null;
                    object.overrideId = 0;
                    object.clock = options.enums === $String ? "CLOCK_STATUS_UNSPECIFIED" : 0;
                    object.maxProtocolVersion = 0;
                    object.downlinkFloor = 0;
                    object.keyGeneration = 0;
                }
                if (message.firmwareVersion != null && $Object.hasOwnProperty.call(message, "firmwareVersion"))
                    object.firmwareVersion = message.firmwareVersion;
                if (message.hardwareModel != null && $Object.hasOwnProperty.call(message, "hardwareModel"))
                    object.hardwareModel = message.hardwareModel;
                if (message.resetReason != null && $Object.hasOwnProperty.call(message, "resetReason"))
                    object.resetReason = options.enums === $String ? $root.streetlight.v1.ResetReason[message.resetReason] === $undefined ? message.resetReason : $root.streetlight.v1.ResetReason[message.resetReason] : message.resetReason;
                if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS"))
                    object.uptimeS = message.uptimeS;
                if (message.bootCount != null && $Object.hasOwnProperty.call(message, "bootCount"))
                    object.bootCount = message.bootCount;
                if (message.configVersion != null && $Object.hasOwnProperty.call(message, "configVersion"))
                    object.configVersion = message.configVersion;
                if (message.plan != null && $Object.hasOwnProperty.call(message, "plan"))
                    object.plan = $root.streetlight.v1.PlanRef.toObject(message.plan, options, _depth + 1);
                if (message.overrideId != null && $Object.hasOwnProperty.call(message, "overrideId"))
                    object.overrideId = message.overrideId;
                if (message.clock != null && $Object.hasOwnProperty.call(message, "clock"))
                    object.clock = options.enums === $String ? $root.streetlight.v1.ClockStatus[message.clock] === $undefined ? message.clock : $root.streetlight.v1.ClockStatus[message.clock] : message.clock;
                if (message.maxProtocolVersion != null && $Object.hasOwnProperty.call(message, "maxProtocolVersion"))
                    object.maxProtocolVersion = message.maxProtocolVersion;
                if (message.downlinkFloor != null && $Object.hasOwnProperty.call(message, "downlinkFloor"))
                    object.downlinkFloor = message.downlinkFloor;
                if (message.keyGeneration != null && $Object.hasOwnProperty.call(message, "keyGeneration"))
                    object.keyGeneration = message.keyGeneration;
                return object;
            };

            /**
             * Converts this Hello to JSON.
             * @function toJSON
             * @memberof streetlight.v1.Hello
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Hello.prototype.toJSON = function() {
                return Hello.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Hello
             * @function getTypeUrl
             * @memberof streetlight.v1.Hello
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Hello.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.Hello";
            };

            return Hello;
        })();

        /**
         * ReportReason enum.
         * @name streetlight.v1.ReportReason
         * @enum {number}
         * @property {number} REPORT_REASON_UNSPECIFIED=0 REPORT_REASON_UNSPECIFIED value
         * @property {number} REPORT_REASON_PERIODIC=1 REPORT_REASON_PERIODIC value
         * @property {number} REPORT_REASON_CHANGE=2 REPORT_REASON_CHANGE value
         * @property {number} REPORT_REASON_REQUESTED=3 REPORT_REASON_REQUESTED value
         * @property {number} REPORT_REASON_BOOT=4 REPORT_REASON_BOOT value
         */
        v1.ReportReason = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "REPORT_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "REPORT_REASON_PERIODIC"] = 1;
            values[valuesById[2] = "REPORT_REASON_CHANGE"] = 2;
            values[valuesById[3] = "REPORT_REASON_REQUESTED"] = 3;
            values[valuesById[4] = "REPORT_REASON_BOOT"] = 4;
            return values;
        })();

        v1.StateReport = (function() {

            /**
             * Properties of a StateReport.
             * @typedef {Object} streetlight.v1.StateReport.$Properties
             * @property {number|null} [level] StateReport level
             * @property {number|null} [targetLevel] StateReport targetLevel
             * @property {streetlight.v1.LevelSource|null} [source] StateReport source
             * @property {streetlight.v1.PlanRef.$Properties|null} [plan] StateReport plan
             * @property {number|null} [configVersion] StateReport configVersion
             * @property {number|null} [overrideId] StateReport overrideId
             * @property {number|null} [overrideExpiresAt] StateReport overrideExpiresAt
             * @property {streetlight.v1.ClockStatus|null} [clock] StateReport clock
             * @property {number|null} [uptimeS] StateReport uptimeS
             * @property {number|null} [powerMw] StateReport powerMw
             * @property {streetlight.v1.ReportReason|null} [reason] StateReport reason
             * @property {streetlight.v1.CloStatus.$Properties|null} [clo] StateReport clo
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StateReport.
             * @memberof streetlight.v1
             * @interface IStateReport
             * @augments streetlight.v1.StateReport.$Properties
             * @deprecated Use streetlight.v1.StateReport.$Properties instead.
             */

            /**
             * Shape of a StateReport.
             * @typedef {streetlight.v1.StateReport.$Properties} streetlight.v1.StateReport.$Shape
             */

            /**
             * Constructs a new StateReport.
             * @memberof streetlight.v1
             * @classdesc Represents a StateReport.
             * @constructor
             * @param {streetlight.v1.StateReport.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StateReport = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * StateReport level.
             * @member {number} level
             * @memberof streetlight.v1.StateReport
             * @instance
             */
            StateReport.prototype.level = 0;

            /**
             * StateReport targetLevel.
             * @member {number} targetLevel
             * @memberof streetlight.v1.StateReport
             * @instance
             */
            StateReport.prototype.targetLevel = 0;

            /**
             * StateReport source.
             * @member {streetlight.v1.LevelSource} source
             * @memberof streetlight.v1.StateReport
             * @instance
             */
            StateReport.prototype.source = 0;

            /**
             * StateReport plan.
             * @member {streetlight.v1.PlanRef.$Properties|null|undefined} plan
             * @memberof streetlight.v1.StateReport
             * @instance
             */
            StateReport.prototype.plan = null;

            /**
             * StateReport configVersion.
             * @member {number} configVersion
             * @memberof streetlight.v1.StateReport
             * @instance
             */
            StateReport.prototype.configVersion = 0;

            /**
             * StateReport overrideId.
             * @member {number} overrideId
             * @memberof streetlight.v1.StateReport
             * @instance
             */
            StateReport.prototype.overrideId = 0;

            /**
             * StateReport overrideExpiresAt.
             * @member {number} overrideExpiresAt
             * @memberof streetlight.v1.StateReport
             * @instance
             */
            StateReport.prototype.overrideExpiresAt = 0;

            /**
             * StateReport clock.
             * @member {streetlight.v1.ClockStatus} clock
             * @memberof streetlight.v1.StateReport
             * @instance
             */
            StateReport.prototype.clock = 0;

            /**
             * StateReport uptimeS.
             * @member {number} uptimeS
             * @memberof streetlight.v1.StateReport
             * @instance
             */
            StateReport.prototype.uptimeS = 0;

            /**
             * StateReport powerMw.
             * @member {number} powerMw
             * @memberof streetlight.v1.StateReport
             * @instance
             */
            StateReport.prototype.powerMw = 0;

            /**
             * StateReport reason.
             * @member {streetlight.v1.ReportReason} reason
             * @memberof streetlight.v1.StateReport
             * @instance
             */
            StateReport.prototype.reason = 0;

            /**
             * StateReport clo.
             * @member {streetlight.v1.CloStatus.$Properties|null|undefined} clo
             * @memberof streetlight.v1.StateReport
             * @instance
             */
            StateReport.prototype.clo = null;

            /**
             * Creates a new StateReport instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.StateReport
             * @static
             * @param {streetlight.v1.StateReport.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.StateReport} StateReport instance
             * @type {{
             *   (properties: streetlight.v1.StateReport.$Shape): streetlight.v1.StateReport & streetlight.v1.StateReport.$Shape;
             *   (properties?: streetlight.v1.StateReport.$Properties): streetlight.v1.StateReport;
             * }}
             */
            StateReport.create = function(properties) {
                return new StateReport(properties);
            };

            /**
             * Encodes the specified StateReport message. Does not implicitly {@link streetlight.v1.StateReport.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.StateReport
             * @static
             * @param {streetlight.v1.StateReport.$Properties} message StateReport message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StateReport.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.level != null && $Object.hasOwnProperty.call(message, "level") && message.level !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.level);
                if (message.targetLevel != null && $Object.hasOwnProperty.call(message, "targetLevel") && message.targetLevel !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.targetLevel);
                if (message.source != null && $Object.hasOwnProperty.call(message, "source") && message.source !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.source);
                if (message.plan != null && $Object.hasOwnProperty.call(message, "plan"))
                    $root.streetlight.v1.PlanRef.encode(message.plan, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.configVersion != null && $Object.hasOwnProperty.call(message, "configVersion") && message.configVersion !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.configVersion);
                if (message.overrideId != null && $Object.hasOwnProperty.call(message, "overrideId") && message.overrideId !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.overrideId);
                if (message.overrideExpiresAt != null && $Object.hasOwnProperty.call(message, "overrideExpiresAt") && message.overrideExpiresAt !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.overrideExpiresAt);
                if (message.clock != null && $Object.hasOwnProperty.call(message, "clock") && message.clock !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).int32(message.clock);
                if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS") && message.uptimeS !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.uptimeS);
                if (message.powerMw != null && $Object.hasOwnProperty.call(message, "powerMw") && message.powerMw !== 0)
                    writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.powerMw);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== 0)
                    writer.uint32(/* id 11, wireType 0 =*/88).int32(message.reason);
                if (message.clo != null && $Object.hasOwnProperty.call(message, "clo"))
                    $root.streetlight.v1.CloStatus.encode(message.clo, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified StateReport message, length delimited. Does not implicitly {@link streetlight.v1.StateReport.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.StateReport
             * @static
             * @param {streetlight.v1.StateReport.$Properties} message StateReport message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StateReport.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a StateReport message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.StateReport
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.StateReport & streetlight.v1.StateReport.$Shape} StateReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StateReport.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.StateReport();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.level = value;
                            else
                                delete message.level;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.targetLevel = value;
                            else
                                delete message.targetLevel;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.source = value;
                            else
                                delete message.source;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.plan = $root.streetlight.v1.PlanRef.decode(reader, reader.size(), $undefined, _depth + 1, message.plan);
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.configVersion = value;
                            else
                                delete message.configVersion;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.overrideId = value;
                            else
                                delete message.overrideId;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.overrideExpiresAt = value;
                            else
                                delete message.overrideExpiresAt;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.clock = value;
                            else
                                delete message.clock;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.uptimeS = value;
                            else
                                delete message.uptimeS;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.powerMw = value;
                            else
                                delete message.powerMw;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.clo = $root.streetlight.v1.CloStatus.decode(reader, reader.size(), $undefined, _depth + 1, message.clo);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a StateReport message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.StateReport
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.StateReport & streetlight.v1.StateReport.$Shape} StateReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StateReport.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a StateReport message.
             * @function verify
             * @memberof streetlight.v1.StateReport
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            StateReport.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.level != null && $Object.hasOwnProperty.call(message, "level"))
                    if (!$util.isInteger(message.level))
                        return "level: integer expected";
                if (message.targetLevel != null && $Object.hasOwnProperty.call(message, "targetLevel"))
                    if (!$util.isInteger(message.targetLevel))
                        return "targetLevel: integer expected";
                if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                    if (typeof message.source !== "number" || (message.source | 0) !== message.source)
                        return "source: enum value expected";
                if (message.plan != null && $Object.hasOwnProperty.call(message, "plan")) {
                    let error = $root.streetlight.v1.PlanRef.verify(message.plan, _depth + 1);
                    if (error)
                        return "plan." + error;
                }
                if (message.configVersion != null && $Object.hasOwnProperty.call(message, "configVersion"))
                    if (!$util.isInteger(message.configVersion))
                        return "configVersion: integer expected";
                if (message.overrideId != null && $Object.hasOwnProperty.call(message, "overrideId"))
                    if (!$util.isInteger(message.overrideId))
                        return "overrideId: integer expected";
                if (message.overrideExpiresAt != null && $Object.hasOwnProperty.call(message, "overrideExpiresAt"))
                    if (!$util.isInteger(message.overrideExpiresAt))
                        return "overrideExpiresAt: integer expected";
                if (message.clock != null && $Object.hasOwnProperty.call(message, "clock"))
                    if (typeof message.clock !== "number" || (message.clock | 0) !== message.clock)
                        return "clock: enum value expected";
                if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS"))
                    if (!$util.isInteger(message.uptimeS))
                        return "uptimeS: integer expected";
                if (message.powerMw != null && $Object.hasOwnProperty.call(message, "powerMw"))
                    if (!$util.isInteger(message.powerMw))
                        return "powerMw: integer expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (typeof message.reason !== "number" || (message.reason | 0) !== message.reason)
                        return "reason: enum value expected";
                if (message.clo != null && $Object.hasOwnProperty.call(message, "clo")) {
                    let error = $root.streetlight.v1.CloStatus.verify(message.clo, _depth + 1);
                    if (error)
                        return "clo." + error;
                }
                return null;
            };

            /**
             * Creates a StateReport message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.StateReport
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.StateReport} StateReport
             */
            StateReport.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.StateReport)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.StateReport: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.StateReport();
                if (object.level != null)
                    if ($Number(object.level) !== 0)
                        message.level = object.level >>> 0;
                if (object.targetLevel != null)
                    if ($Number(object.targetLevel) !== 0)
                        message.targetLevel = object.targetLevel >>> 0;
                if (object.source !== 0 && (typeof object.source !== "string" || $root.streetlight.v1.LevelSource[object.source] !== 0))
                    switch (object.source) {
                    case "LEVEL_SOURCE_UNSPECIFIED":
                    case 0:
                        message.source = 0;
                        break;
                    case "LEVEL_SOURCE_PLAN":
                    case 1:
                        message.source = 1;
                        break;
                    case "LEVEL_SOURCE_OVERRIDE":
                    case 2:
                        message.source = 2;
                        break;
                    case "LEVEL_SOURCE_FALLBACK":
                    case 3:
                        message.source = 3;
                        break;
                    case "LEVEL_SOURCE_DEFAULT":
                    case 4:
                        message.source = 4;
                        break;
                    default:
                        if (typeof object.source === "number" && (object.source | 0) === object.source)
                            message.source = object.source;
                    }
                if (object.plan != null) {
                    if (!$util.isObject(object.plan))
                        throw $TypeError(".streetlight.v1.StateReport.plan: object expected");
                    message.plan = $root.streetlight.v1.PlanRef.fromObject(object.plan, _depth + 1);
                }
                if (object.configVersion != null)
                    if ($Number(object.configVersion) !== 0)
                        message.configVersion = object.configVersion >>> 0;
                if (object.overrideId != null)
                    if ($Number(object.overrideId) !== 0)
                        message.overrideId = object.overrideId >>> 0;
                if (object.overrideExpiresAt != null)
                    if ($Number(object.overrideExpiresAt) !== 0)
                        message.overrideExpiresAt = object.overrideExpiresAt >>> 0;
                if (object.clock !== 0 && (typeof object.clock !== "string" || $root.streetlight.v1.ClockStatus[object.clock] !== 0))
                    switch (object.clock) {
                    case "CLOCK_STATUS_UNSPECIFIED":
                    case 0:
                        message.clock = 0;
                        break;
                    case "CLOCK_STATUS_UNSET":
                    case 1:
                        message.clock = 1;
                        break;
                    case "CLOCK_STATUS_RTC":
                    case 2:
                        message.clock = 2;
                        break;
                    case "CLOCK_STATUS_SYNCED":
                    case 3:
                        message.clock = 3;
                        break;
                    default:
                        if (typeof object.clock === "number" && (object.clock | 0) === object.clock)
                            message.clock = object.clock;
                    }
                if (object.uptimeS != null)
                    if ($Number(object.uptimeS) !== 0)
                        message.uptimeS = object.uptimeS >>> 0;
                if (object.powerMw != null)
                    if ($Number(object.powerMw) !== 0)
                        message.powerMw = object.powerMw >>> 0;
                if (object.reason !== 0 && (typeof object.reason !== "string" || $root.streetlight.v1.ReportReason[object.reason] !== 0))
                    switch (object.reason) {
                    case "REPORT_REASON_UNSPECIFIED":
                    case 0:
                        message.reason = 0;
                        break;
                    case "REPORT_REASON_PERIODIC":
                    case 1:
                        message.reason = 1;
                        break;
                    case "REPORT_REASON_CHANGE":
                    case 2:
                        message.reason = 2;
                        break;
                    case "REPORT_REASON_REQUESTED":
                    case 3:
                        message.reason = 3;
                        break;
                    case "REPORT_REASON_BOOT":
                    case 4:
                        message.reason = 4;
                        break;
                    default:
                        if (typeof object.reason === "number" && (object.reason | 0) === object.reason)
                            message.reason = object.reason;
                    }
                if (object.clo != null) {
                    if (!$util.isObject(object.clo))
                        throw $TypeError(".streetlight.v1.StateReport.clo: object expected");
                    message.clo = $root.streetlight.v1.CloStatus.fromObject(object.clo, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a StateReport message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.StateReport
             * @static
             * @param {streetlight.v1.StateReport} message StateReport
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StateReport.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.level = 0;
                    object.targetLevel = 0;
                    object.source = options.enums === $String ? "LEVEL_SOURCE_UNSPECIFIED" : 0;
                    object.plan = null;
                    object.configVersion = 0;
                    object.overrideId = 0;
                    object.overrideExpiresAt = 0;
                    object.clock = options.enums === $String ? "CLOCK_STATUS_UNSPECIFIED" : 0;
                    object.uptimeS = 0;
                    object.powerMw = 0;
                    object.reason = options.enums === $String ? "REPORT_REASON_UNSPECIFIED" : 0;
                    object.clo = null;
                }
                if (message.level != null && $Object.hasOwnProperty.call(message, "level"))
                    object.level = message.level;
                if (message.targetLevel != null && $Object.hasOwnProperty.call(message, "targetLevel"))
                    object.targetLevel = message.targetLevel;
                if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                    object.source = options.enums === $String ? $root.streetlight.v1.LevelSource[message.source] === $undefined ? message.source : $root.streetlight.v1.LevelSource[message.source] : message.source;
                if (message.plan != null && $Object.hasOwnProperty.call(message, "plan"))
                    object.plan = $root.streetlight.v1.PlanRef.toObject(message.plan, options, _depth + 1);
                if (message.configVersion != null && $Object.hasOwnProperty.call(message, "configVersion"))
                    object.configVersion = message.configVersion;
                if (message.overrideId != null && $Object.hasOwnProperty.call(message, "overrideId"))
                    object.overrideId = message.overrideId;
                if (message.overrideExpiresAt != null && $Object.hasOwnProperty.call(message, "overrideExpiresAt"))
                    object.overrideExpiresAt = message.overrideExpiresAt;
                if (message.clock != null && $Object.hasOwnProperty.call(message, "clock"))
                    object.clock = options.enums === $String ? $root.streetlight.v1.ClockStatus[message.clock] === $undefined ? message.clock : $root.streetlight.v1.ClockStatus[message.clock] : message.clock;
                if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS"))
                    object.uptimeS = message.uptimeS;
                if (message.powerMw != null && $Object.hasOwnProperty.call(message, "powerMw"))
                    object.powerMw = message.powerMw;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = options.enums === $String ? $root.streetlight.v1.ReportReason[message.reason] === $undefined ? message.reason : $root.streetlight.v1.ReportReason[message.reason] : message.reason;
                if (message.clo != null && $Object.hasOwnProperty.call(message, "clo"))
                    object.clo = $root.streetlight.v1.CloStatus.toObject(message.clo, options, _depth + 1);
                return object;
            };

            /**
             * Converts this StateReport to JSON.
             * @function toJSON
             * @memberof streetlight.v1.StateReport
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StateReport.prototype.toJSON = function() {
                return StateReport.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StateReport
             * @function getTypeUrl
             * @memberof streetlight.v1.StateReport
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StateReport.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.StateReport";
            };

            return StateReport;
        })();

        v1.CloStatus = (function() {

            /**
             * Properties of a CloStatus.
             * @typedef {Object} streetlight.v1.CloStatus.$Properties
             * @property {number|null} [drivePermille] CloStatus drivePermille
             * @property {number|null} [ledHours] CloStatus ledHours
             * @property {number|null} [savedMwh] CloStatus savedMwh
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CloStatus.
             * @memberof streetlight.v1
             * @interface ICloStatus
             * @augments streetlight.v1.CloStatus.$Properties
             * @deprecated Use streetlight.v1.CloStatus.$Properties instead.
             */

            /**
             * Shape of a CloStatus.
             * @typedef {streetlight.v1.CloStatus.$Properties} streetlight.v1.CloStatus.$Shape
             */

            /**
             * Constructs a new CloStatus.
             * @memberof streetlight.v1
             * @classdesc Represents a CloStatus.
             * @constructor
             * @param {streetlight.v1.CloStatus.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CloStatus = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CloStatus drivePermille.
             * @member {number} drivePermille
             * @memberof streetlight.v1.CloStatus
             * @instance
             */
            CloStatus.prototype.drivePermille = 0;

            /**
             * CloStatus ledHours.
             * @member {number} ledHours
             * @memberof streetlight.v1.CloStatus
             * @instance
             */
            CloStatus.prototype.ledHours = 0;

            /**
             * CloStatus savedMwh.
             * @member {number} savedMwh
             * @memberof streetlight.v1.CloStatus
             * @instance
             */
            CloStatus.prototype.savedMwh = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new CloStatus instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.CloStatus
             * @static
             * @param {streetlight.v1.CloStatus.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.CloStatus} CloStatus instance
             * @type {{
             *   (properties: streetlight.v1.CloStatus.$Shape): streetlight.v1.CloStatus & streetlight.v1.CloStatus.$Shape;
             *   (properties?: streetlight.v1.CloStatus.$Properties): streetlight.v1.CloStatus;
             * }}
             */
            CloStatus.create = function(properties) {
                return new CloStatus(properties);
            };

            /**
             * Encodes the specified CloStatus message. Does not implicitly {@link streetlight.v1.CloStatus.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.CloStatus
             * @static
             * @param {streetlight.v1.CloStatus.$Properties} message CloStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CloStatus.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.drivePermille != null && $Object.hasOwnProperty.call(message, "drivePermille") && message.drivePermille !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.drivePermille);
                if (message.ledHours != null && $Object.hasOwnProperty.call(message, "ledHours") && message.ledHours !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.ledHours);
                if (message.savedMwh != null && $Object.hasOwnProperty.call(message, "savedMwh") && (typeof message.savedMwh === "object" ? message.savedMwh.low || message.savedMwh.high : message.savedMwh !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.savedMwh);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified CloStatus message, length delimited. Does not implicitly {@link streetlight.v1.CloStatus.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.CloStatus
             * @static
             * @param {streetlight.v1.CloStatus.$Properties} message CloStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CloStatus.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a CloStatus message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.CloStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.CloStatus & streetlight.v1.CloStatus.$Shape} CloStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CloStatus.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.CloStatus();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.drivePermille = value;
                            else
                                delete message.drivePermille;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.ledHours = value;
                            else
                                delete message.ledHours;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.savedMwh = value;
                            else
                                delete message.savedMwh;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a CloStatus message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.CloStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.CloStatus & streetlight.v1.CloStatus.$Shape} CloStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CloStatus.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a CloStatus message.
             * @function verify
             * @memberof streetlight.v1.CloStatus
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            CloStatus.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.drivePermille != null && $Object.hasOwnProperty.call(message, "drivePermille"))
                    if (!$util.isInteger(message.drivePermille))
                        return "drivePermille: integer expected";
                if (message.ledHours != null && $Object.hasOwnProperty.call(message, "ledHours"))
                    if (!$util.isInteger(message.ledHours))
                        return "ledHours: integer expected";
                if (message.savedMwh != null && $Object.hasOwnProperty.call(message, "savedMwh"))
                    if (!$util.isInteger(message.savedMwh) && !(message.savedMwh && $util.isInteger(message.savedMwh.low) && $util.isInteger(message.savedMwh.high)))
                        return "savedMwh: integer|Long expected";
                return null;
            };

            /**
             * Creates a CloStatus message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.CloStatus
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.CloStatus} CloStatus
             */
            CloStatus.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.CloStatus)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.CloStatus: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.CloStatus();
                if (object.drivePermille != null)
                    if ($Number(object.drivePermille) !== 0)
                        message.drivePermille = object.drivePermille >>> 0;
                if (object.ledHours != null)
                    if ($Number(object.ledHours) !== 0)
                        message.ledHours = object.ledHours >>> 0;
                if (object.savedMwh != null)
                    if (typeof object.savedMwh === "object" ? object.savedMwh.low || object.savedMwh.high : $Number(object.savedMwh) !== 0)
                        if ($util.Long)
                            message.savedMwh = $util.Long.fromValue(object.savedMwh, true);
                        else if (typeof object.savedMwh === "string")
                            message.savedMwh = $parseInt(object.savedMwh, 10);
                        else if (typeof object.savedMwh === "number")
                            message.savedMwh = object.savedMwh;
                        else if (typeof object.savedMwh === "object")
                            message.savedMwh = new $util.LongBits(object.savedMwh.low >>> 0, object.savedMwh.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a CloStatus message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.CloStatus
             * @static
             * @param {streetlight.v1.CloStatus} message CloStatus
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            CloStatus.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.drivePermille = 0;
                    object.ledHours = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.savedMwh = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.savedMwh = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.drivePermille != null && $Object.hasOwnProperty.call(message, "drivePermille"))
                    object.drivePermille = message.drivePermille;
                if (message.ledHours != null && $Object.hasOwnProperty.call(message, "ledHours"))
                    object.ledHours = message.ledHours;
                if (message.savedMwh != null && $Object.hasOwnProperty.call(message, "savedMwh"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.savedMwh = typeof message.savedMwh === "number" ? $BigInt(message.savedMwh) : $util.Long.fromBits(message.savedMwh.low >>> 0, message.savedMwh.high >>> 0, true).toBigInt();
                    else if (typeof message.savedMwh === "number")
                        object.savedMwh = options.longs === $String ? $String(message.savedMwh) : message.savedMwh;
                    else
                        object.savedMwh = options.longs === $String ? $util.Long.prototype.toString.call(message.savedMwh) : options.longs === $Number ? new $util.LongBits(message.savedMwh.low >>> 0, message.savedMwh.high >>> 0).toNumber(true) : message.savedMwh;
                return object;
            };

            /**
             * Converts this CloStatus to JSON.
             * @function toJSON
             * @memberof streetlight.v1.CloStatus
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            CloStatus.prototype.toJSON = function() {
                return CloStatus.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for CloStatus
             * @function getTypeUrl
             * @memberof streetlight.v1.CloStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CloStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.CloStatus";
            };

            return CloStatus;
        })();

        v1.IntervalRecord = (function() {

            /**
             * Properties of an IntervalRecord.
             * @typedef {Object} streetlight.v1.IntervalRecord.$Properties
             * @property {number|null} [seq] IntervalRecord seq
             * @property {number|null} [start] IntervalRecord start
             * @property {number|null} [durationS] IntervalRecord durationS
             * @property {number|null} [energyMwh] IntervalRecord energyMwh
             * @property {number|null} [minPowerMw] IntervalRecord minPowerMw
             * @property {number|null} [maxPowerMw] IntervalRecord maxPowerMw
             * @property {number|null} [avgPowerMw] IntervalRecord avgPowerMw
             * @property {number|null} [burningS] IntervalRecord burningS
             * @property {number|null} [avgLevelX10] IntervalRecord avgLevelX10
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an IntervalRecord.
             * @memberof streetlight.v1
             * @interface IIntervalRecord
             * @augments streetlight.v1.IntervalRecord.$Properties
             * @deprecated Use streetlight.v1.IntervalRecord.$Properties instead.
             */

            /**
             * Shape of an IntervalRecord.
             * @typedef {streetlight.v1.IntervalRecord.$Properties} streetlight.v1.IntervalRecord.$Shape
             */

            /**
             * Constructs a new IntervalRecord.
             * @memberof streetlight.v1
             * @classdesc Represents an IntervalRecord.
             * @constructor
             * @param {streetlight.v1.IntervalRecord.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const IntervalRecord = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * IntervalRecord seq.
             * @member {number} seq
             * @memberof streetlight.v1.IntervalRecord
             * @instance
             */
            IntervalRecord.prototype.seq = 0;

            /**
             * IntervalRecord start.
             * @member {number} start
             * @memberof streetlight.v1.IntervalRecord
             * @instance
             */
            IntervalRecord.prototype.start = 0;

            /**
             * IntervalRecord durationS.
             * @member {number} durationS
             * @memberof streetlight.v1.IntervalRecord
             * @instance
             */
            IntervalRecord.prototype.durationS = 0;

            /**
             * IntervalRecord energyMwh.
             * @member {number} energyMwh
             * @memberof streetlight.v1.IntervalRecord
             * @instance
             */
            IntervalRecord.prototype.energyMwh = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * IntervalRecord minPowerMw.
             * @member {number} minPowerMw
             * @memberof streetlight.v1.IntervalRecord
             * @instance
             */
            IntervalRecord.prototype.minPowerMw = 0;

            /**
             * IntervalRecord maxPowerMw.
             * @member {number} maxPowerMw
             * @memberof streetlight.v1.IntervalRecord
             * @instance
             */
            IntervalRecord.prototype.maxPowerMw = 0;

            /**
             * IntervalRecord avgPowerMw.
             * @member {number} avgPowerMw
             * @memberof streetlight.v1.IntervalRecord
             * @instance
             */
            IntervalRecord.prototype.avgPowerMw = 0;

            /**
             * IntervalRecord burningS.
             * @member {number} burningS
             * @memberof streetlight.v1.IntervalRecord
             * @instance
             */
            IntervalRecord.prototype.burningS = 0;

            /**
             * IntervalRecord avgLevelX10.
             * @member {number} avgLevelX10
             * @memberof streetlight.v1.IntervalRecord
             * @instance
             */
            IntervalRecord.prototype.avgLevelX10 = 0;

            /**
             * Creates a new IntervalRecord instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.IntervalRecord
             * @static
             * @param {streetlight.v1.IntervalRecord.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.IntervalRecord} IntervalRecord instance
             * @type {{
             *   (properties: streetlight.v1.IntervalRecord.$Shape): streetlight.v1.IntervalRecord & streetlight.v1.IntervalRecord.$Shape;
             *   (properties?: streetlight.v1.IntervalRecord.$Properties): streetlight.v1.IntervalRecord;
             * }}
             */
            IntervalRecord.create = function(properties) {
                return new IntervalRecord(properties);
            };

            /**
             * Encodes the specified IntervalRecord message. Does not implicitly {@link streetlight.v1.IntervalRecord.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.IntervalRecord
             * @static
             * @param {streetlight.v1.IntervalRecord.$Properties} message IntervalRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            IntervalRecord.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && message.seq !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.seq);
                if (message.start != null && $Object.hasOwnProperty.call(message, "start") && message.start !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.start);
                if (message.durationS != null && $Object.hasOwnProperty.call(message, "durationS") && message.durationS !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.durationS);
                if (message.energyMwh != null && $Object.hasOwnProperty.call(message, "energyMwh") && (typeof message.energyMwh === "object" ? message.energyMwh.low || message.energyMwh.high : message.energyMwh !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.energyMwh);
                if (message.minPowerMw != null && $Object.hasOwnProperty.call(message, "minPowerMw") && message.minPowerMw !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.minPowerMw);
                if (message.maxPowerMw != null && $Object.hasOwnProperty.call(message, "maxPowerMw") && message.maxPowerMw !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.maxPowerMw);
                if (message.avgPowerMw != null && $Object.hasOwnProperty.call(message, "avgPowerMw") && message.avgPowerMw !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.avgPowerMw);
                if (message.burningS != null && $Object.hasOwnProperty.call(message, "burningS") && message.burningS !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.burningS);
                if (message.avgLevelX10 != null && $Object.hasOwnProperty.call(message, "avgLevelX10") && message.avgLevelX10 !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.avgLevelX10);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified IntervalRecord message, length delimited. Does not implicitly {@link streetlight.v1.IntervalRecord.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.IntervalRecord
             * @static
             * @param {streetlight.v1.IntervalRecord.$Properties} message IntervalRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            IntervalRecord.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an IntervalRecord message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.IntervalRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.IntervalRecord & streetlight.v1.IntervalRecord.$Shape} IntervalRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            IntervalRecord.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.IntervalRecord();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.start = value;
                            else
                                delete message.start;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.durationS = value;
                            else
                                delete message.durationS;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.energyMwh = value;
                            else
                                delete message.energyMwh;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.minPowerMw = value;
                            else
                                delete message.minPowerMw;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxPowerMw = value;
                            else
                                delete message.maxPowerMw;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.avgPowerMw = value;
                            else
                                delete message.avgPowerMw;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.burningS = value;
                            else
                                delete message.burningS;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.avgLevelX10 = value;
                            else
                                delete message.avgLevelX10;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an IntervalRecord message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.IntervalRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.IntervalRecord & streetlight.v1.IntervalRecord.$Shape} IntervalRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            IntervalRecord.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an IntervalRecord message.
             * @function verify
             * @memberof streetlight.v1.IntervalRecord
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            IntervalRecord.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (!$util.isInteger(message.seq))
                        return "seq: integer expected";
                if (message.start != null && $Object.hasOwnProperty.call(message, "start"))
                    if (!$util.isInteger(message.start))
                        return "start: integer expected";
                if (message.durationS != null && $Object.hasOwnProperty.call(message, "durationS"))
                    if (!$util.isInteger(message.durationS))
                        return "durationS: integer expected";
                if (message.energyMwh != null && $Object.hasOwnProperty.call(message, "energyMwh"))
                    if (!$util.isInteger(message.energyMwh) && !(message.energyMwh && $util.isInteger(message.energyMwh.low) && $util.isInteger(message.energyMwh.high)))
                        return "energyMwh: integer|Long expected";
                if (message.minPowerMw != null && $Object.hasOwnProperty.call(message, "minPowerMw"))
                    if (!$util.isInteger(message.minPowerMw))
                        return "minPowerMw: integer expected";
                if (message.maxPowerMw != null && $Object.hasOwnProperty.call(message, "maxPowerMw"))
                    if (!$util.isInteger(message.maxPowerMw))
                        return "maxPowerMw: integer expected";
                if (message.avgPowerMw != null && $Object.hasOwnProperty.call(message, "avgPowerMw"))
                    if (!$util.isInteger(message.avgPowerMw))
                        return "avgPowerMw: integer expected";
                if (message.burningS != null && $Object.hasOwnProperty.call(message, "burningS"))
                    if (!$util.isInteger(message.burningS))
                        return "burningS: integer expected";
                if (message.avgLevelX10 != null && $Object.hasOwnProperty.call(message, "avgLevelX10"))
                    if (!$util.isInteger(message.avgLevelX10))
                        return "avgLevelX10: integer expected";
                return null;
            };

            /**
             * Creates an IntervalRecord message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.IntervalRecord
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.IntervalRecord} IntervalRecord
             */
            IntervalRecord.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.IntervalRecord)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.IntervalRecord: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.IntervalRecord();
                if (object.seq != null)
                    if ($Number(object.seq) !== 0)
                        message.seq = object.seq >>> 0;
                if (object.start != null)
                    if ($Number(object.start) !== 0)
                        message.start = object.start >>> 0;
                if (object.durationS != null)
                    if ($Number(object.durationS) !== 0)
                        message.durationS = object.durationS >>> 0;
                if (object.energyMwh != null)
                    if (typeof object.energyMwh === "object" ? object.energyMwh.low || object.energyMwh.high : $Number(object.energyMwh) !== 0)
                        if ($util.Long)
                            message.energyMwh = $util.Long.fromValue(object.energyMwh, true);
                        else if (typeof object.energyMwh === "string")
                            message.energyMwh = $parseInt(object.energyMwh, 10);
                        else if (typeof object.energyMwh === "number")
                            message.energyMwh = object.energyMwh;
                        else if (typeof object.energyMwh === "object")
                            message.energyMwh = new $util.LongBits(object.energyMwh.low >>> 0, object.energyMwh.high >>> 0).toNumber(true);
                if (object.minPowerMw != null)
                    if ($Number(object.minPowerMw) !== 0)
                        message.minPowerMw = object.minPowerMw >>> 0;
                if (object.maxPowerMw != null)
                    if ($Number(object.maxPowerMw) !== 0)
                        message.maxPowerMw = object.maxPowerMw >>> 0;
                if (object.avgPowerMw != null)
                    if ($Number(object.avgPowerMw) !== 0)
                        message.avgPowerMw = object.avgPowerMw >>> 0;
                if (object.burningS != null)
                    if ($Number(object.burningS) !== 0)
                        message.burningS = object.burningS >>> 0;
                if (object.avgLevelX10 != null)
                    if ($Number(object.avgLevelX10) !== 0)
                        message.avgLevelX10 = object.avgLevelX10 >>> 0;
                return message;
            };

            /**
             * Creates a plain object from an IntervalRecord message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.IntervalRecord
             * @static
             * @param {streetlight.v1.IntervalRecord} message IntervalRecord
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            IntervalRecord.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.seq = 0;
                    object.start = 0;
                    object.durationS = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.energyMwh = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.energyMwh = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.minPowerMw = 0;
                    object.maxPowerMw = 0;
                    object.avgPowerMw = 0;
                    object.burningS = 0;
                    object.avgLevelX10 = 0;
                }
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    object.seq = message.seq;
                if (message.start != null && $Object.hasOwnProperty.call(message, "start"))
                    object.start = message.start;
                if (message.durationS != null && $Object.hasOwnProperty.call(message, "durationS"))
                    object.durationS = message.durationS;
                if (message.energyMwh != null && $Object.hasOwnProperty.call(message, "energyMwh"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.energyMwh = typeof message.energyMwh === "number" ? $BigInt(message.energyMwh) : $util.Long.fromBits(message.energyMwh.low >>> 0, message.energyMwh.high >>> 0, true).toBigInt();
                    else if (typeof message.energyMwh === "number")
                        object.energyMwh = options.longs === $String ? $String(message.energyMwh) : message.energyMwh;
                    else
                        object.energyMwh = options.longs === $String ? $util.Long.prototype.toString.call(message.energyMwh) : options.longs === $Number ? new $util.LongBits(message.energyMwh.low >>> 0, message.energyMwh.high >>> 0).toNumber(true) : message.energyMwh;
                if (message.minPowerMw != null && $Object.hasOwnProperty.call(message, "minPowerMw"))
                    object.minPowerMw = message.minPowerMw;
                if (message.maxPowerMw != null && $Object.hasOwnProperty.call(message, "maxPowerMw"))
                    object.maxPowerMw = message.maxPowerMw;
                if (message.avgPowerMw != null && $Object.hasOwnProperty.call(message, "avgPowerMw"))
                    object.avgPowerMw = message.avgPowerMw;
                if (message.burningS != null && $Object.hasOwnProperty.call(message, "burningS"))
                    object.burningS = message.burningS;
                if (message.avgLevelX10 != null && $Object.hasOwnProperty.call(message, "avgLevelX10"))
                    object.avgLevelX10 = message.avgLevelX10;
                return object;
            };

            /**
             * Converts this IntervalRecord to JSON.
             * @function toJSON
             * @memberof streetlight.v1.IntervalRecord
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            IntervalRecord.prototype.toJSON = function() {
                return IntervalRecord.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for IntervalRecord
             * @function getTypeUrl
             * @memberof streetlight.v1.IntervalRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            IntervalRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.IntervalRecord";
            };

            return IntervalRecord;
        })();

        v1.EnergyReport = (function() {

            /**
             * Properties of an EnergyReport.
             * @typedef {Object} streetlight.v1.EnergyReport.$Properties
             * @property {Array.<streetlight.v1.IntervalRecord.$Properties>|null} [records] EnergyReport records
             * @property {number|null} [energyTotalMwh] EnergyReport energyTotalMwh
             * @property {number|null} [burningTotalS] EnergyReport burningTotalS
             * @property {number|null} [switchCount] EnergyReport switchCount
             * @property {number|null} [lostThroughSeq] EnergyReport lostThroughSeq
             * @property {number|null} [logId] EnergyReport logId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EnergyReport.
             * @memberof streetlight.v1
             * @interface IEnergyReport
             * @augments streetlight.v1.EnergyReport.$Properties
             * @deprecated Use streetlight.v1.EnergyReport.$Properties instead.
             */

            /**
             * Shape of an EnergyReport.
             * @typedef {streetlight.v1.EnergyReport.$Properties} streetlight.v1.EnergyReport.$Shape
             */

            /**
             * Constructs a new EnergyReport.
             * @memberof streetlight.v1
             * @classdesc Represents an EnergyReport.
             * @constructor
             * @param {streetlight.v1.EnergyReport.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EnergyReport = function (properties) {
                this.records = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * EnergyReport records.
             * @member {Array.<streetlight.v1.IntervalRecord.$Properties>} records
             * @memberof streetlight.v1.EnergyReport
             * @instance
             */
            EnergyReport.prototype.records = $util.emptyArray;

            /**
             * EnergyReport energyTotalMwh.
             * @member {number} energyTotalMwh
             * @memberof streetlight.v1.EnergyReport
             * @instance
             */
            EnergyReport.prototype.energyTotalMwh = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EnergyReport burningTotalS.
             * @member {number} burningTotalS
             * @memberof streetlight.v1.EnergyReport
             * @instance
             */
            EnergyReport.prototype.burningTotalS = 0;

            /**
             * EnergyReport switchCount.
             * @member {number} switchCount
             * @memberof streetlight.v1.EnergyReport
             * @instance
             */
            EnergyReport.prototype.switchCount = 0;

            /**
             * EnergyReport lostThroughSeq.
             * @member {number} lostThroughSeq
             * @memberof streetlight.v1.EnergyReport
             * @instance
             */
            EnergyReport.prototype.lostThroughSeq = 0;

            /**
             * EnergyReport logId.
             * @member {number} logId
             * @memberof streetlight.v1.EnergyReport
             * @instance
             */
            EnergyReport.prototype.logId = 0;

            /**
             * Creates a new EnergyReport instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.EnergyReport
             * @static
             * @param {streetlight.v1.EnergyReport.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.EnergyReport} EnergyReport instance
             * @type {{
             *   (properties: streetlight.v1.EnergyReport.$Shape): streetlight.v1.EnergyReport & streetlight.v1.EnergyReport.$Shape;
             *   (properties?: streetlight.v1.EnergyReport.$Properties): streetlight.v1.EnergyReport;
             * }}
             */
            EnergyReport.create = function(properties) {
                return new EnergyReport(properties);
            };

            /**
             * Encodes the specified EnergyReport message. Does not implicitly {@link streetlight.v1.EnergyReport.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.EnergyReport
             * @static
             * @param {streetlight.v1.EnergyReport.$Properties} message EnergyReport message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EnergyReport.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.records != null && message.records.length)
                    for (let i = 0; i < message.records.length; ++i)
                        $root.streetlight.v1.IntervalRecord.encode(message.records[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.energyTotalMwh != null && $Object.hasOwnProperty.call(message, "energyTotalMwh") && (typeof message.energyTotalMwh === "object" ? message.energyTotalMwh.low || message.energyTotalMwh.high : message.energyTotalMwh !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.energyTotalMwh);
                if (message.burningTotalS != null && $Object.hasOwnProperty.call(message, "burningTotalS") && message.burningTotalS !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.burningTotalS);
                if (message.switchCount != null && $Object.hasOwnProperty.call(message, "switchCount") && message.switchCount !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.switchCount);
                if (message.lostThroughSeq != null && $Object.hasOwnProperty.call(message, "lostThroughSeq") && message.lostThroughSeq !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.lostThroughSeq);
                if (message.logId != null && $Object.hasOwnProperty.call(message, "logId") && message.logId !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.logId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified EnergyReport message, length delimited. Does not implicitly {@link streetlight.v1.EnergyReport.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.EnergyReport
             * @static
             * @param {streetlight.v1.EnergyReport.$Properties} message EnergyReport message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EnergyReport.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an EnergyReport message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.EnergyReport
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.EnergyReport & streetlight.v1.EnergyReport.$Shape} EnergyReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EnergyReport.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.EnergyReport();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.records && message.records.length))
                                message.records = [];
                            message.records.push($root.streetlight.v1.IntervalRecord.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.energyTotalMwh = value;
                            else
                                delete message.energyTotalMwh;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.burningTotalS = value;
                            else
                                delete message.burningTotalS;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.switchCount = value;
                            else
                                delete message.switchCount;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.lostThroughSeq = value;
                            else
                                delete message.lostThroughSeq;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.logId = value;
                            else
                                delete message.logId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an EnergyReport message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.EnergyReport
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.EnergyReport & streetlight.v1.EnergyReport.$Shape} EnergyReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EnergyReport.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an EnergyReport message.
             * @function verify
             * @memberof streetlight.v1.EnergyReport
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EnergyReport.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.records != null && $Object.hasOwnProperty.call(message, "records")) {
                    if (!$Array.isArray(message.records))
                        return "records: array expected";
                    for (let i = 0; i < message.records.length; ++i) {
                        let error = $root.streetlight.v1.IntervalRecord.verify(message.records[i], _depth + 1);
                        if (error)
                            return "records." + error;
                    }
                }
                if (message.energyTotalMwh != null && $Object.hasOwnProperty.call(message, "energyTotalMwh"))
                    if (!$util.isInteger(message.energyTotalMwh) && !(message.energyTotalMwh && $util.isInteger(message.energyTotalMwh.low) && $util.isInteger(message.energyTotalMwh.high)))
                        return "energyTotalMwh: integer|Long expected";
                if (message.burningTotalS != null && $Object.hasOwnProperty.call(message, "burningTotalS"))
                    if (!$util.isInteger(message.burningTotalS))
                        return "burningTotalS: integer expected";
                if (message.switchCount != null && $Object.hasOwnProperty.call(message, "switchCount"))
                    if (!$util.isInteger(message.switchCount))
                        return "switchCount: integer expected";
                if (message.lostThroughSeq != null && $Object.hasOwnProperty.call(message, "lostThroughSeq"))
                    if (!$util.isInteger(message.lostThroughSeq))
                        return "lostThroughSeq: integer expected";
                if (message.logId != null && $Object.hasOwnProperty.call(message, "logId"))
                    if (!$util.isInteger(message.logId))
                        return "logId: integer expected";
                return null;
            };

            /**
             * Creates an EnergyReport message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.EnergyReport
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.EnergyReport} EnergyReport
             */
            EnergyReport.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.EnergyReport)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.EnergyReport: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.EnergyReport();
                if (object.records) {
                    if (!$Array.isArray(object.records))
                        throw $TypeError(".streetlight.v1.EnergyReport.records: array expected");
                    message.records = $Array(object.records.length);
                    for (let i = 0; i < object.records.length; ++i) {
                        if (!$util.isObject(object.records[i]))
                            throw $TypeError(".streetlight.v1.EnergyReport.records: object expected");
                        message.records[i] = $root.streetlight.v1.IntervalRecord.fromObject(object.records[i], _depth + 1);
                    }
                }
                if (object.energyTotalMwh != null)
                    if (typeof object.energyTotalMwh === "object" ? object.energyTotalMwh.low || object.energyTotalMwh.high : $Number(object.energyTotalMwh) !== 0)
                        if ($util.Long)
                            message.energyTotalMwh = $util.Long.fromValue(object.energyTotalMwh, true);
                        else if (typeof object.energyTotalMwh === "string")
                            message.energyTotalMwh = $parseInt(object.energyTotalMwh, 10);
                        else if (typeof object.energyTotalMwh === "number")
                            message.energyTotalMwh = object.energyTotalMwh;
                        else if (typeof object.energyTotalMwh === "object")
                            message.energyTotalMwh = new $util.LongBits(object.energyTotalMwh.low >>> 0, object.energyTotalMwh.high >>> 0).toNumber(true);
                if (object.burningTotalS != null)
                    if ($Number(object.burningTotalS) !== 0)
                        message.burningTotalS = object.burningTotalS >>> 0;
                if (object.switchCount != null)
                    if ($Number(object.switchCount) !== 0)
                        message.switchCount = object.switchCount >>> 0;
                if (object.lostThroughSeq != null)
                    if ($Number(object.lostThroughSeq) !== 0)
                        message.lostThroughSeq = object.lostThroughSeq >>> 0;
                if (object.logId != null)
                    if ($Number(object.logId) !== 0)
                        message.logId = object.logId >>> 0;
                return message;
            };

            /**
             * Creates a plain object from an EnergyReport message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.EnergyReport
             * @static
             * @param {streetlight.v1.EnergyReport} message EnergyReport
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EnergyReport.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.records = [];
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.energyTotalMwh = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.energyTotalMwh = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.burningTotalS = 0;
                    object.switchCount = 0;
                    object.lostThroughSeq = 0;
                    object.logId = 0;
                }
                if (message.records && message.records.length) {
                    object.records = $Array(message.records.length);
                    for (let j = 0; j < message.records.length; ++j)
                        object.records[j] = $root.streetlight.v1.IntervalRecord.toObject(message.records[j], options, _depth + 1);
                }
                if (message.energyTotalMwh != null && $Object.hasOwnProperty.call(message, "energyTotalMwh"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.energyTotalMwh = typeof message.energyTotalMwh === "number" ? $BigInt(message.energyTotalMwh) : $util.Long.fromBits(message.energyTotalMwh.low >>> 0, message.energyTotalMwh.high >>> 0, true).toBigInt();
                    else if (typeof message.energyTotalMwh === "number")
                        object.energyTotalMwh = options.longs === $String ? $String(message.energyTotalMwh) : message.energyTotalMwh;
                    else
                        object.energyTotalMwh = options.longs === $String ? $util.Long.prototype.toString.call(message.energyTotalMwh) : options.longs === $Number ? new $util.LongBits(message.energyTotalMwh.low >>> 0, message.energyTotalMwh.high >>> 0).toNumber(true) : message.energyTotalMwh;
                if (message.burningTotalS != null && $Object.hasOwnProperty.call(message, "burningTotalS"))
                    object.burningTotalS = message.burningTotalS;
                if (message.switchCount != null && $Object.hasOwnProperty.call(message, "switchCount"))
                    object.switchCount = message.switchCount;
                if (message.lostThroughSeq != null && $Object.hasOwnProperty.call(message, "lostThroughSeq"))
                    object.lostThroughSeq = message.lostThroughSeq;
                if (message.logId != null && $Object.hasOwnProperty.call(message, "logId"))
                    object.logId = message.logId;
                return object;
            };

            /**
             * Converts this EnergyReport to JSON.
             * @function toJSON
             * @memberof streetlight.v1.EnergyReport
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EnergyReport.prototype.toJSON = function() {
                return EnergyReport.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EnergyReport
             * @function getTypeUrl
             * @memberof streetlight.v1.EnergyReport
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EnergyReport.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.EnergyReport";
            };

            return EnergyReport;
        })();

        /**
         * EventType enum.
         * @name streetlight.v1.EventType
         * @enum {number}
         * @property {number} EVENT_TYPE_UNSPECIFIED=0 EVENT_TYPE_UNSPECIFIED value
         * @property {number} EVENT_TYPE_LAMP_FAILURE=1 EVENT_TYPE_LAMP_FAILURE value
         * @property {number} EVENT_TYPE_DAY_BURNER=2 EVENT_TYPE_DAY_BURNER value
         * @property {number} EVENT_TYPE_CYCLING=3 EVENT_TYPE_CYCLING value
         * @property {number} EVENT_TYPE_VOLTAGE_LOW=4 EVENT_TYPE_VOLTAGE_LOW value
         * @property {number} EVENT_TYPE_VOLTAGE_HIGH=5 EVENT_TYPE_VOLTAGE_HIGH value
         * @property {number} EVENT_TYPE_METER_FAULT=6 EVENT_TYPE_METER_FAULT value
         * @property {number} EVENT_TYPE_CLOCK_LOST=7 EVENT_TYPE_CLOCK_LOST value
         * @property {number} EVENT_TYPE_STORAGE_FAULT=8 EVENT_TYPE_STORAGE_FAULT value
         * @property {number} EVENT_TYPE_FRAME_REJECTED=9 EVENT_TYPE_FRAME_REJECTED value
         * @property {number} EVENT_TYPE_DRIVER_OVERTEMP=10 EVENT_TYPE_DRIVER_OVERTEMP value
         * @property {number} EVENT_TYPE_LED_FAILURE=11 EVENT_TYPE_LED_FAILURE value
         * @property {number} EVENT_TYPE_DRIVER_VOLTAGE=12 EVENT_TYPE_DRIVER_VOLTAGE value
         * @property {number} EVENT_TYPE_LED_END_OF_LIFE=13 EVENT_TYPE_LED_END_OF_LIFE value
         * @property {number} EVENT_TYPE_DALI_FAULT=14 EVENT_TYPE_DALI_FAULT value
         */
        v1.EventType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "EVENT_TYPE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "EVENT_TYPE_LAMP_FAILURE"] = 1;
            values[valuesById[2] = "EVENT_TYPE_DAY_BURNER"] = 2;
            values[valuesById[3] = "EVENT_TYPE_CYCLING"] = 3;
            values[valuesById[4] = "EVENT_TYPE_VOLTAGE_LOW"] = 4;
            values[valuesById[5] = "EVENT_TYPE_VOLTAGE_HIGH"] = 5;
            values[valuesById[6] = "EVENT_TYPE_METER_FAULT"] = 6;
            values[valuesById[7] = "EVENT_TYPE_CLOCK_LOST"] = 7;
            values[valuesById[8] = "EVENT_TYPE_STORAGE_FAULT"] = 8;
            values[valuesById[9] = "EVENT_TYPE_FRAME_REJECTED"] = 9;
            values[valuesById[10] = "EVENT_TYPE_DRIVER_OVERTEMP"] = 10;
            values[valuesById[11] = "EVENT_TYPE_LED_FAILURE"] = 11;
            values[valuesById[12] = "EVENT_TYPE_DRIVER_VOLTAGE"] = 12;
            values[valuesById[13] = "EVENT_TYPE_LED_END_OF_LIFE"] = 13;
            values[valuesById[14] = "EVENT_TYPE_DALI_FAULT"] = 14;
            return values;
        })();

        v1.DeviceEvent = (function() {

            /**
             * Properties of a DeviceEvent.
             * @typedef {Object} streetlight.v1.DeviceEvent.$Properties
             * @property {number|null} [eventSeq] DeviceEvent eventSeq
             * @property {streetlight.v1.EventType|null} [type] DeviceEvent type
             * @property {boolean|null} [active] DeviceEvent active
             * @property {number|null} [time] DeviceEvent time
             * @property {number|null} [value] DeviceEvent value
             * @property {string|null} [detail] DeviceEvent detail
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DeviceEvent.
             * @memberof streetlight.v1
             * @interface IDeviceEvent
             * @augments streetlight.v1.DeviceEvent.$Properties
             * @deprecated Use streetlight.v1.DeviceEvent.$Properties instead.
             */

            /**
             * Shape of a DeviceEvent.
             * @typedef {streetlight.v1.DeviceEvent.$Properties} streetlight.v1.DeviceEvent.$Shape
             */

            /**
             * Constructs a new DeviceEvent.
             * @memberof streetlight.v1
             * @classdesc Represents a DeviceEvent.
             * @constructor
             * @param {streetlight.v1.DeviceEvent.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DeviceEvent = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DeviceEvent eventSeq.
             * @member {number} eventSeq
             * @memberof streetlight.v1.DeviceEvent
             * @instance
             */
            DeviceEvent.prototype.eventSeq = 0;

            /**
             * DeviceEvent type.
             * @member {streetlight.v1.EventType} type
             * @memberof streetlight.v1.DeviceEvent
             * @instance
             */
            DeviceEvent.prototype.type = 0;

            /**
             * DeviceEvent active.
             * @member {boolean} active
             * @memberof streetlight.v1.DeviceEvent
             * @instance
             */
            DeviceEvent.prototype.active = false;

            /**
             * DeviceEvent time.
             * @member {number} time
             * @memberof streetlight.v1.DeviceEvent
             * @instance
             */
            DeviceEvent.prototype.time = 0;

            /**
             * DeviceEvent value.
             * @member {number} value
             * @memberof streetlight.v1.DeviceEvent
             * @instance
             */
            DeviceEvent.prototype.value = 0;

            /**
             * DeviceEvent detail.
             * @member {string} detail
             * @memberof streetlight.v1.DeviceEvent
             * @instance
             */
            DeviceEvent.prototype.detail = "";

            /**
             * Creates a new DeviceEvent instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.DeviceEvent
             * @static
             * @param {streetlight.v1.DeviceEvent.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.DeviceEvent} DeviceEvent instance
             * @type {{
             *   (properties: streetlight.v1.DeviceEvent.$Shape): streetlight.v1.DeviceEvent & streetlight.v1.DeviceEvent.$Shape;
             *   (properties?: streetlight.v1.DeviceEvent.$Properties): streetlight.v1.DeviceEvent;
             * }}
             */
            DeviceEvent.create = function(properties) {
                return new DeviceEvent(properties);
            };

            /**
             * Encodes the specified DeviceEvent message. Does not implicitly {@link streetlight.v1.DeviceEvent.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.DeviceEvent
             * @static
             * @param {streetlight.v1.DeviceEvent.$Properties} message DeviceEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeviceEvent.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.eventSeq != null && $Object.hasOwnProperty.call(message, "eventSeq") && message.eventSeq !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.eventSeq);
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.type);
                if (message.active != null && $Object.hasOwnProperty.call(message, "active") && message.active !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.active);
                if (message.time != null && $Object.hasOwnProperty.call(message, "time") && message.time !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.time);
                if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).sint32(message.value);
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail") && message.detail !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.detail);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified DeviceEvent message, length delimited. Does not implicitly {@link streetlight.v1.DeviceEvent.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.DeviceEvent
             * @static
             * @param {streetlight.v1.DeviceEvent.$Properties} message DeviceEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeviceEvent.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DeviceEvent message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.DeviceEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.DeviceEvent & streetlight.v1.DeviceEvent.$Shape} DeviceEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeviceEvent.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.DeviceEvent();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.eventSeq = value;
                            else
                                delete message.eventSeq;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.active = value;
                            else
                                delete message.active;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.time = value;
                            else
                                delete message.time;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.sint32())
                                message.value = value;
                            else
                                delete message.value;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.detail = value;
                            else
                                delete message.detail;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a DeviceEvent message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.DeviceEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.DeviceEvent & streetlight.v1.DeviceEvent.$Shape} DeviceEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeviceEvent.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DeviceEvent message.
             * @function verify
             * @memberof streetlight.v1.DeviceEvent
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DeviceEvent.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.eventSeq != null && $Object.hasOwnProperty.call(message, "eventSeq"))
                    if (!$util.isInteger(message.eventSeq))
                        return "eventSeq: integer expected";
                if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                    if (typeof message.type !== "number" || (message.type | 0) !== message.type)
                        return "type: enum value expected";
                if (message.active != null && $Object.hasOwnProperty.call(message, "active"))
                    if (typeof message.active !== "boolean")
                        return "active: boolean expected";
                if (message.time != null && $Object.hasOwnProperty.call(message, "time"))
                    if (!$util.isInteger(message.time))
                        return "time: integer expected";
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    if (!$util.isInteger(message.value))
                        return "value: integer expected";
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail"))
                    if (!$util.isString(message.detail))
                        return "detail: string expected";
                return null;
            };

            /**
             * Creates a DeviceEvent message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.DeviceEvent
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.DeviceEvent} DeviceEvent
             */
            DeviceEvent.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.DeviceEvent)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.DeviceEvent: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.DeviceEvent();
                if (object.eventSeq != null)
                    if ($Number(object.eventSeq) !== 0)
                        message.eventSeq = object.eventSeq >>> 0;
                if (object.type !== 0 && (typeof object.type !== "string" || $root.streetlight.v1.EventType[object.type] !== 0))
                    switch (object.type) {
                    case "EVENT_TYPE_UNSPECIFIED":
                    case 0:
                        message.type = 0;
                        break;
                    case "EVENT_TYPE_LAMP_FAILURE":
                    case 1:
                        message.type = 1;
                        break;
                    case "EVENT_TYPE_DAY_BURNER":
                    case 2:
                        message.type = 2;
                        break;
                    case "EVENT_TYPE_CYCLING":
                    case 3:
                        message.type = 3;
                        break;
                    case "EVENT_TYPE_VOLTAGE_LOW":
                    case 4:
                        message.type = 4;
                        break;
                    case "EVENT_TYPE_VOLTAGE_HIGH":
                    case 5:
                        message.type = 5;
                        break;
                    case "EVENT_TYPE_METER_FAULT":
                    case 6:
                        message.type = 6;
                        break;
                    case "EVENT_TYPE_CLOCK_LOST":
                    case 7:
                        message.type = 7;
                        break;
                    case "EVENT_TYPE_STORAGE_FAULT":
                    case 8:
                        message.type = 8;
                        break;
                    case "EVENT_TYPE_FRAME_REJECTED":
                    case 9:
                        message.type = 9;
                        break;
                    case "EVENT_TYPE_DRIVER_OVERTEMP":
                    case 10:
                        message.type = 10;
                        break;
                    case "EVENT_TYPE_LED_FAILURE":
                    case 11:
                        message.type = 11;
                        break;
                    case "EVENT_TYPE_DRIVER_VOLTAGE":
                    case 12:
                        message.type = 12;
                        break;
                    case "EVENT_TYPE_LED_END_OF_LIFE":
                    case 13:
                        message.type = 13;
                        break;
                    case "EVENT_TYPE_DALI_FAULT":
                    case 14:
                        message.type = 14;
                        break;
                    default:
                        if (typeof object.type === "number" && (object.type | 0) === object.type)
                            message.type = object.type;
                    }
                if (object.active != null)
                    if (object.active)
                        message.active = $Boolean(object.active);
                if (object.time != null)
                    if ($Number(object.time) !== 0)
                        message.time = object.time >>> 0;
                if (object.value != null)
                    if ($Number(object.value) !== 0)
                        message.value = object.value | 0;
                if (object.detail != null)
                    if (typeof object.detail !== "string" || object.detail.length)
                        message.detail = $String(object.detail);
                return message;
            };

            /**
             * Creates a plain object from a DeviceEvent message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.DeviceEvent
             * @static
             * @param {streetlight.v1.DeviceEvent} message DeviceEvent
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DeviceEvent.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.eventSeq = 0;
                    object.type = options.enums === $String ? "EVENT_TYPE_UNSPECIFIED" : 0;
                    object.active = false;
                    object.time = 0;
                    object.value = 0;
                    object.detail = "";
                }
                if (message.eventSeq != null && $Object.hasOwnProperty.call(message, "eventSeq"))
                    object.eventSeq = message.eventSeq;
                if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                    object.type = options.enums === $String ? $root.streetlight.v1.EventType[message.type] === $undefined ? message.type : $root.streetlight.v1.EventType[message.type] : message.type;
                if (message.active != null && $Object.hasOwnProperty.call(message, "active"))
                    object.active = message.active;
                if (message.time != null && $Object.hasOwnProperty.call(message, "time"))
                    object.time = message.time;
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    object.value = message.value;
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail"))
                    object.detail = message.detail;
                return object;
            };

            /**
             * Converts this DeviceEvent to JSON.
             * @function toJSON
             * @memberof streetlight.v1.DeviceEvent
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DeviceEvent.prototype.toJSON = function() {
                return DeviceEvent.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DeviceEvent
             * @function getTypeUrl
             * @memberof streetlight.v1.DeviceEvent
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DeviceEvent.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.DeviceEvent";
            };

            return DeviceEvent;
        })();

        /**
         * AckStatus enum.
         * @name streetlight.v1.AckStatus
         * @enum {number}
         * @property {number} ACK_STATUS_UNSPECIFIED=0 ACK_STATUS_UNSPECIFIED value
         * @property {number} ACK_STATUS_OK=1 ACK_STATUS_OK value
         * @property {number} ACK_STATUS_REJECTED=2 ACK_STATUS_REJECTED value
         * @property {number} ACK_STATUS_UNSUPPORTED=3 ACK_STATUS_UNSUPPORTED value
         * @property {number} ACK_STATUS_INVALID=4 ACK_STATUS_INVALID value
         */
        v1.AckStatus = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ACK_STATUS_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ACK_STATUS_OK"] = 1;
            values[valuesById[2] = "ACK_STATUS_REJECTED"] = 2;
            values[valuesById[3] = "ACK_STATUS_UNSUPPORTED"] = 3;
            values[valuesById[4] = "ACK_STATUS_INVALID"] = 4;
            return values;
        })();

        v1.CommandAck = (function() {

            /**
             * Properties of a CommandAck.
             * @typedef {Object} streetlight.v1.CommandAck.$Properties
             * @property {number|null} [downlinkSeq] CommandAck downlinkSeq
             * @property {streetlight.v1.AckStatus|null} [status] CommandAck status
             * @property {string|null} [detail] CommandAck detail
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CommandAck.
             * @memberof streetlight.v1
             * @interface ICommandAck
             * @augments streetlight.v1.CommandAck.$Properties
             * @deprecated Use streetlight.v1.CommandAck.$Properties instead.
             */

            /**
             * Shape of a CommandAck.
             * @typedef {streetlight.v1.CommandAck.$Properties} streetlight.v1.CommandAck.$Shape
             */

            /**
             * Constructs a new CommandAck.
             * @memberof streetlight.v1
             * @classdesc Represents a CommandAck.
             * @constructor
             * @param {streetlight.v1.CommandAck.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CommandAck = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CommandAck downlinkSeq.
             * @member {number} downlinkSeq
             * @memberof streetlight.v1.CommandAck
             * @instance
             */
            CommandAck.prototype.downlinkSeq = 0;

            /**
             * CommandAck status.
             * @member {streetlight.v1.AckStatus} status
             * @memberof streetlight.v1.CommandAck
             * @instance
             */
            CommandAck.prototype.status = 0;

            /**
             * CommandAck detail.
             * @member {string} detail
             * @memberof streetlight.v1.CommandAck
             * @instance
             */
            CommandAck.prototype.detail = "";

            /**
             * Creates a new CommandAck instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.CommandAck
             * @static
             * @param {streetlight.v1.CommandAck.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.CommandAck} CommandAck instance
             * @type {{
             *   (properties: streetlight.v1.CommandAck.$Shape): streetlight.v1.CommandAck & streetlight.v1.CommandAck.$Shape;
             *   (properties?: streetlight.v1.CommandAck.$Properties): streetlight.v1.CommandAck;
             * }}
             */
            CommandAck.create = function(properties) {
                return new CommandAck(properties);
            };

            /**
             * Encodes the specified CommandAck message. Does not implicitly {@link streetlight.v1.CommandAck.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.CommandAck
             * @static
             * @param {streetlight.v1.CommandAck.$Properties} message CommandAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommandAck.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.downlinkSeq != null && $Object.hasOwnProperty.call(message, "downlinkSeq") && message.downlinkSeq !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.downlinkSeq);
                if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.status);
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail") && message.detail !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.detail);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified CommandAck message, length delimited. Does not implicitly {@link streetlight.v1.CommandAck.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.CommandAck
             * @static
             * @param {streetlight.v1.CommandAck.$Properties} message CommandAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommandAck.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a CommandAck message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.CommandAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.CommandAck & streetlight.v1.CommandAck.$Shape} CommandAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommandAck.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.CommandAck();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.downlinkSeq = value;
                            else
                                delete message.downlinkSeq;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.status = value;
                            else
                                delete message.status;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.detail = value;
                            else
                                delete message.detail;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a CommandAck message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.CommandAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.CommandAck & streetlight.v1.CommandAck.$Shape} CommandAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommandAck.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a CommandAck message.
             * @function verify
             * @memberof streetlight.v1.CommandAck
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            CommandAck.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.downlinkSeq != null && $Object.hasOwnProperty.call(message, "downlinkSeq"))
                    if (!$util.isInteger(message.downlinkSeq))
                        return "downlinkSeq: integer expected";
                if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                    if (typeof message.status !== "number" || (message.status | 0) !== message.status)
                        return "status: enum value expected";
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail"))
                    if (!$util.isString(message.detail))
                        return "detail: string expected";
                return null;
            };

            /**
             * Creates a CommandAck message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.CommandAck
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.CommandAck} CommandAck
             */
            CommandAck.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.CommandAck)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.CommandAck: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.CommandAck();
                if (object.downlinkSeq != null)
                    if ($Number(object.downlinkSeq) !== 0)
                        message.downlinkSeq = object.downlinkSeq >>> 0;
                if (object.status !== 0 && (typeof object.status !== "string" || $root.streetlight.v1.AckStatus[object.status] !== 0))
                    switch (object.status) {
                    case "ACK_STATUS_UNSPECIFIED":
                    case 0:
                        message.status = 0;
                        break;
                    case "ACK_STATUS_OK":
                    case 1:
                        message.status = 1;
                        break;
                    case "ACK_STATUS_REJECTED":
                    case 2:
                        message.status = 2;
                        break;
                    case "ACK_STATUS_UNSUPPORTED":
                    case 3:
                        message.status = 3;
                        break;
                    case "ACK_STATUS_INVALID":
                    case 4:
                        message.status = 4;
                        break;
                    default:
                        if (typeof object.status === "number" && (object.status | 0) === object.status)
                            message.status = object.status;
                    }
                if (object.detail != null)
                    if (typeof object.detail !== "string" || object.detail.length)
                        message.detail = $String(object.detail);
                return message;
            };

            /**
             * Creates a plain object from a CommandAck message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.CommandAck
             * @static
             * @param {streetlight.v1.CommandAck} message CommandAck
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            CommandAck.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.downlinkSeq = 0;
                    object.status = options.enums === $String ? "ACK_STATUS_UNSPECIFIED" : 0;
                    object.detail = "";
                }
                if (message.downlinkSeq != null && $Object.hasOwnProperty.call(message, "downlinkSeq"))
                    object.downlinkSeq = message.downlinkSeq;
                if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                    object.status = options.enums === $String ? $root.streetlight.v1.AckStatus[message.status] === $undefined ? message.status : $root.streetlight.v1.AckStatus[message.status] : message.status;
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail"))
                    object.detail = message.detail;
                return object;
            };

            /**
             * Converts this CommandAck to JSON.
             * @function toJSON
             * @memberof streetlight.v1.CommandAck
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            CommandAck.prototype.toJSON = function() {
                return CommandAck.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for CommandAck
             * @function getTypeUrl
             * @memberof streetlight.v1.CommandAck
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CommandAck.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.CommandAck";
            };

            return CommandAck;
        })();

        /**
         * OtaState enum.
         * @name streetlight.v1.OtaState
         * @enum {number}
         * @property {number} OTA_STATE_UNSPECIFIED=0 OTA_STATE_UNSPECIFIED value
         * @property {number} OTA_STATE_IDLE=1 OTA_STATE_IDLE value
         * @property {number} OTA_STATE_DOWNLOADING=2 OTA_STATE_DOWNLOADING value
         * @property {number} OTA_STATE_VERIFYING=3 OTA_STATE_VERIFYING value
         * @property {number} OTA_STATE_INSTALLING=4 OTA_STATE_INSTALLING value
         * @property {number} OTA_STATE_REBOOTING=5 OTA_STATE_REBOOTING value
         * @property {number} OTA_STATE_CONFIRMED=6 OTA_STATE_CONFIRMED value
         * @property {number} OTA_STATE_ROLLED_BACK=7 OTA_STATE_ROLLED_BACK value
         * @property {number} OTA_STATE_FAILED=8 OTA_STATE_FAILED value
         * @property {number} OTA_STATE_DEFERRED=9 OTA_STATE_DEFERRED value
         */
        v1.OtaState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "OTA_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "OTA_STATE_IDLE"] = 1;
            values[valuesById[2] = "OTA_STATE_DOWNLOADING"] = 2;
            values[valuesById[3] = "OTA_STATE_VERIFYING"] = 3;
            values[valuesById[4] = "OTA_STATE_INSTALLING"] = 4;
            values[valuesById[5] = "OTA_STATE_REBOOTING"] = 5;
            values[valuesById[6] = "OTA_STATE_CONFIRMED"] = 6;
            values[valuesById[7] = "OTA_STATE_ROLLED_BACK"] = 7;
            values[valuesById[8] = "OTA_STATE_FAILED"] = 8;
            values[valuesById[9] = "OTA_STATE_DEFERRED"] = 9;
            return values;
        })();

        v1.OtaStatus = (function() {

            /**
             * Properties of an OtaStatus.
             * @typedef {Object} streetlight.v1.OtaStatus.$Properties
             * @property {number|null} [imageId] OtaStatus imageId
             * @property {streetlight.v1.OtaState|null} [state] OtaStatus state
             * @property {number|null} [offset] OtaStatus offset
             * @property {string|null} [reason] OtaStatus reason
             * @property {string|null} [runningVersion] OtaStatus runningVersion
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OtaStatus.
             * @memberof streetlight.v1
             * @interface IOtaStatus
             * @augments streetlight.v1.OtaStatus.$Properties
             * @deprecated Use streetlight.v1.OtaStatus.$Properties instead.
             */

            /**
             * Shape of an OtaStatus.
             * @typedef {streetlight.v1.OtaStatus.$Properties} streetlight.v1.OtaStatus.$Shape
             */

            /**
             * Constructs a new OtaStatus.
             * @memberof streetlight.v1
             * @classdesc Represents an OtaStatus.
             * @constructor
             * @param {streetlight.v1.OtaStatus.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OtaStatus = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OtaStatus imageId.
             * @member {number} imageId
             * @memberof streetlight.v1.OtaStatus
             * @instance
             */
            OtaStatus.prototype.imageId = 0;

            /**
             * OtaStatus state.
             * @member {streetlight.v1.OtaState} state
             * @memberof streetlight.v1.OtaStatus
             * @instance
             */
            OtaStatus.prototype.state = 0;

            /**
             * OtaStatus offset.
             * @member {number} offset
             * @memberof streetlight.v1.OtaStatus
             * @instance
             */
            OtaStatus.prototype.offset = 0;

            /**
             * OtaStatus reason.
             * @member {string} reason
             * @memberof streetlight.v1.OtaStatus
             * @instance
             */
            OtaStatus.prototype.reason = "";

            /**
             * OtaStatus runningVersion.
             * @member {string} runningVersion
             * @memberof streetlight.v1.OtaStatus
             * @instance
             */
            OtaStatus.prototype.runningVersion = "";

            /**
             * Creates a new OtaStatus instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.OtaStatus
             * @static
             * @param {streetlight.v1.OtaStatus.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.OtaStatus} OtaStatus instance
             * @type {{
             *   (properties: streetlight.v1.OtaStatus.$Shape): streetlight.v1.OtaStatus & streetlight.v1.OtaStatus.$Shape;
             *   (properties?: streetlight.v1.OtaStatus.$Properties): streetlight.v1.OtaStatus;
             * }}
             */
            OtaStatus.create = function(properties) {
                return new OtaStatus(properties);
            };

            /**
             * Encodes the specified OtaStatus message. Does not implicitly {@link streetlight.v1.OtaStatus.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.OtaStatus
             * @static
             * @param {streetlight.v1.OtaStatus.$Properties} message OtaStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OtaStatus.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId") && message.imageId !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.imageId);
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.state);
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset") && message.offset !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.offset);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.reason);
                if (message.runningVersion != null && $Object.hasOwnProperty.call(message, "runningVersion") && message.runningVersion !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.runningVersion);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified OtaStatus message, length delimited. Does not implicitly {@link streetlight.v1.OtaStatus.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.OtaStatus
             * @static
             * @param {streetlight.v1.OtaStatus.$Properties} message OtaStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OtaStatus.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an OtaStatus message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.OtaStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.OtaStatus & streetlight.v1.OtaStatus.$Shape} OtaStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OtaStatus.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.OtaStatus();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.imageId = value;
                            else
                                delete message.imageId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.offset = value;
                            else
                                delete message.offset;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.runningVersion = value;
                            else
                                delete message.runningVersion;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an OtaStatus message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.OtaStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.OtaStatus & streetlight.v1.OtaStatus.$Shape} OtaStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OtaStatus.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an OtaStatus message.
             * @function verify
             * @memberof streetlight.v1.OtaStatus
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            OtaStatus.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId"))
                    if (!$util.isInteger(message.imageId))
                        return "imageId: integer expected";
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    if (typeof message.state !== "number" || (message.state | 0) !== message.state)
                        return "state: enum value expected";
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset"))
                    if (!$util.isInteger(message.offset))
                        return "offset: integer expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                if (message.runningVersion != null && $Object.hasOwnProperty.call(message, "runningVersion"))
                    if (!$util.isString(message.runningVersion))
                        return "runningVersion: string expected";
                return null;
            };

            /**
             * Creates an OtaStatus message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.OtaStatus
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.OtaStatus} OtaStatus
             */
            OtaStatus.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.OtaStatus)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.OtaStatus: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.OtaStatus();
                if (object.imageId != null)
                    if ($Number(object.imageId) !== 0)
                        message.imageId = object.imageId >>> 0;
                if (object.state !== 0 && (typeof object.state !== "string" || $root.streetlight.v1.OtaState[object.state] !== 0))
                    switch (object.state) {
                    case "OTA_STATE_UNSPECIFIED":
                    case 0:
                        message.state = 0;
                        break;
                    case "OTA_STATE_IDLE":
                    case 1:
                        message.state = 1;
                        break;
                    case "OTA_STATE_DOWNLOADING":
                    case 2:
                        message.state = 2;
                        break;
                    case "OTA_STATE_VERIFYING":
                    case 3:
                        message.state = 3;
                        break;
                    case "OTA_STATE_INSTALLING":
                    case 4:
                        message.state = 4;
                        break;
                    case "OTA_STATE_REBOOTING":
                    case 5:
                        message.state = 5;
                        break;
                    case "OTA_STATE_CONFIRMED":
                    case 6:
                        message.state = 6;
                        break;
                    case "OTA_STATE_ROLLED_BACK":
                    case 7:
                        message.state = 7;
                        break;
                    case "OTA_STATE_FAILED":
                    case 8:
                        message.state = 8;
                        break;
                    case "OTA_STATE_DEFERRED":
                    case 9:
                        message.state = 9;
                        break;
                    default:
                        if (typeof object.state === "number" && (object.state | 0) === object.state)
                            message.state = object.state;
                    }
                if (object.offset != null)
                    if ($Number(object.offset) !== 0)
                        message.offset = object.offset >>> 0;
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                if (object.runningVersion != null)
                    if (typeof object.runningVersion !== "string" || object.runningVersion.length)
                        message.runningVersion = $String(object.runningVersion);
                return message;
            };

            /**
             * Creates a plain object from an OtaStatus message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.OtaStatus
             * @static
             * @param {streetlight.v1.OtaStatus} message OtaStatus
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            OtaStatus.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.imageId = 0;
                    object.state = options.enums === $String ? "OTA_STATE_UNSPECIFIED" : 0;
                    object.offset = 0;
                    object.reason = "";
                    object.runningVersion = "";
                }
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId"))
                    object.imageId = message.imageId;
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    object.state = options.enums === $String ? $root.streetlight.v1.OtaState[message.state] === $undefined ? message.state : $root.streetlight.v1.OtaState[message.state] : message.state;
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset"))
                    object.offset = message.offset;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                if (message.runningVersion != null && $Object.hasOwnProperty.call(message, "runningVersion"))
                    object.runningVersion = message.runningVersion;
                return object;
            };

            /**
             * Converts this OtaStatus to JSON.
             * @function toJSON
             * @memberof streetlight.v1.OtaStatus
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            OtaStatus.prototype.toJSON = function() {
                return OtaStatus.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for OtaStatus
             * @function getTypeUrl
             * @memberof streetlight.v1.OtaStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            OtaStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.OtaStatus";
            };

            return OtaStatus;
        })();

        v1.Downlink = (function() {

            /**
             * Properties of a Downlink.
             * @typedef {Object} streetlight.v1.Downlink.$Properties
             * @property {number|null} [protocolVersion] Downlink protocolVersion
             * @property {string|null} [deviceId] Downlink deviceId
             * @property {number|null} [seq] Downlink seq
             * @property {number|null} [time] Downlink time
             * @property {Uint8Array|null} [mac] Downlink mac
             * @property {streetlight.v1.SetConfig.$Properties|null} [config] Downlink config
             * @property {streetlight.v1.SetPlan.$Properties|null} [plan] Downlink plan
             * @property {streetlight.v1.Command.$Properties|null} [command] Downlink command
             * @property {streetlight.v1.OtaOffer.$Properties|null} [otaOffer] Downlink otaOffer
             * @property {streetlight.v1.OtaChunk.$Properties|null} [otaChunk] Downlink otaChunk
             * @property {streetlight.v1.EnergyAck.$Properties|null} [energyAck] Downlink energyAck
             * @property {streetlight.v1.TimeSync.$Properties|null} [timeSync] Downlink timeSync
             * @property {"config"|"plan"|"command"|"otaOffer"|"otaChunk"|"energyAck"|"timeSync"} [body] Downlink body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Downlink.
             * @memberof streetlight.v1
             * @interface IDownlink
             * @augments streetlight.v1.Downlink.$Properties
             * @deprecated Use streetlight.v1.Downlink.$Properties instead.
             */

            /**
             * Narrowed shape of a Downlink.
             * @typedef {{
             *   protocolVersion?: number|null;
             *   deviceId?: string|null;
             *   seq?: number|null;
             *   time?: number|null;
             *   mac?: Uint8Array|null;
             *   config?: streetlight.v1.SetConfig.$Shape|null;
             *   plan?: streetlight.v1.SetPlan.$Shape|null;
             *   command?: streetlight.v1.Command.$Shape|null;
             *   otaOffer?: streetlight.v1.OtaOffer.$Shape|null;
             *   otaChunk?: streetlight.v1.OtaChunk.$Shape|null;
             *   energyAck?: streetlight.v1.EnergyAck.$Shape|null;
             *   timeSync?: streetlight.v1.TimeSync.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; config?: null; plan?: null; command?: null; otaOffer?: null; otaChunk?: null; energyAck?: null; timeSync?: null }|{ body?: "config"; config: streetlight.v1.SetConfig.$Shape; plan?: null; command?: null; otaOffer?: null; otaChunk?: null; energyAck?: null; timeSync?: null }|{ body?: "plan"; config?: null; plan: streetlight.v1.SetPlan.$Shape; command?: null; otaOffer?: null; otaChunk?: null; energyAck?: null; timeSync?: null }|{ body?: "command"; config?: null; plan?: null; command: streetlight.v1.Command.$Shape; otaOffer?: null; otaChunk?: null; energyAck?: null; timeSync?: null }|{ body?: "otaOffer"; config?: null; plan?: null; command?: null; otaOffer: streetlight.v1.OtaOffer.$Shape; otaChunk?: null; energyAck?: null; timeSync?: null }|{ body?: "otaChunk"; config?: null; plan?: null; command?: null; otaOffer?: null; otaChunk: streetlight.v1.OtaChunk.$Shape; energyAck?: null; timeSync?: null }|{ body?: "energyAck"; config?: null; plan?: null; command?: null; otaOffer?: null; otaChunk?: null; energyAck: streetlight.v1.EnergyAck.$Shape; timeSync?: null }|{ body?: "timeSync"; config?: null; plan?: null; command?: null; otaOffer?: null; otaChunk?: null; energyAck?: null; timeSync: streetlight.v1.TimeSync.$Shape })
             * )} streetlight.v1.Downlink.$Shape
             */

            /**
             * Constructs a new Downlink.
             * @memberof streetlight.v1
             * @classdesc Represents a Downlink.
             * @constructor
             * @param {streetlight.v1.Downlink.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Downlink = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Downlink protocolVersion.
             * @member {number} protocolVersion
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            Downlink.prototype.protocolVersion = 0;

            /**
             * Downlink deviceId.
             * @member {string} deviceId
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            Downlink.prototype.deviceId = "";

            /**
             * Downlink seq.
             * @member {number} seq
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            Downlink.prototype.seq = 0;

            /**
             * Downlink time.
             * @member {number} time
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            Downlink.prototype.time = 0;

            /**
             * Downlink mac.
             * @member {Uint8Array} mac
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            Downlink.prototype.mac = $util.newBuffer([]);

            /**
             * Downlink config.
             * @member {streetlight.v1.SetConfig.$Properties|null|undefined} config
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            Downlink.prototype.config = null;

            /**
             * Downlink plan.
             * @member {streetlight.v1.SetPlan.$Properties|null|undefined} plan
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            Downlink.prototype.plan = null;

            /**
             * Downlink command.
             * @member {streetlight.v1.Command.$Properties|null|undefined} command
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            Downlink.prototype.command = null;

            /**
             * Downlink otaOffer.
             * @member {streetlight.v1.OtaOffer.$Properties|null|undefined} otaOffer
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            Downlink.prototype.otaOffer = null;

            /**
             * Downlink otaChunk.
             * @member {streetlight.v1.OtaChunk.$Properties|null|undefined} otaChunk
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            Downlink.prototype.otaChunk = null;

            /**
             * Downlink energyAck.
             * @member {streetlight.v1.EnergyAck.$Properties|null|undefined} energyAck
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            Downlink.prototype.energyAck = null;

            /**
             * Downlink timeSync.
             * @member {streetlight.v1.TimeSync.$Properties|null|undefined} timeSync
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            Downlink.prototype.timeSync = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Downlink body.
             * @member {"config"|"plan"|"command"|"otaOffer"|"otaChunk"|"energyAck"|"timeSync"|undefined} body
             * @memberof streetlight.v1.Downlink
             * @instance
             */
            $Object.defineProperty(Downlink.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["config", "plan", "command", "otaOffer", "otaChunk", "energyAck", "timeSync"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Downlink instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.Downlink
             * @static
             * @param {streetlight.v1.Downlink.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.Downlink} Downlink instance
             * @type {{
             *   (properties: streetlight.v1.Downlink.$Shape): streetlight.v1.Downlink & streetlight.v1.Downlink.$Shape;
             *   (properties?: streetlight.v1.Downlink.$Properties): streetlight.v1.Downlink;
             * }}
             */
            Downlink.create = function(properties) {
                return new Downlink(properties);
            };

            /**
             * Encodes the specified Downlink message. Does not implicitly {@link streetlight.v1.Downlink.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.Downlink
             * @static
             * @param {streetlight.v1.Downlink.$Properties} message Downlink message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Downlink.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.protocolVersion);
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.deviceId);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && message.seq !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.seq);
                if (message.time != null && $Object.hasOwnProperty.call(message, "time") && message.time !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.time);
                if (message.mac != null && $Object.hasOwnProperty.call(message, "mac") && message.mac.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.mac);
                if (message.config != null && $Object.hasOwnProperty.call(message, "config"))
                    $root.streetlight.v1.SetConfig.encode(message.config, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.plan != null && $Object.hasOwnProperty.call(message, "plan"))
                    $root.streetlight.v1.SetPlan.encode(message.plan, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.command != null && $Object.hasOwnProperty.call(message, "command"))
                    $root.streetlight.v1.Command.encode(message.command, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.otaOffer != null && $Object.hasOwnProperty.call(message, "otaOffer"))
                    $root.streetlight.v1.OtaOffer.encode(message.otaOffer, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.otaChunk != null && $Object.hasOwnProperty.call(message, "otaChunk"))
                    $root.streetlight.v1.OtaChunk.encode(message.otaChunk, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                if (message.energyAck != null && $Object.hasOwnProperty.call(message, "energyAck"))
                    $root.streetlight.v1.EnergyAck.encode(message.energyAck, writer.uint32(/* id 15, wireType 2 =*/122).fork(), _depth + 1).ldelim();
                if (message.timeSync != null && $Object.hasOwnProperty.call(message, "timeSync"))
                    $root.streetlight.v1.TimeSync.encode(message.timeSync, writer.uint32(/* id 16, wireType 2 =*/130).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Downlink message, length delimited. Does not implicitly {@link streetlight.v1.Downlink.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.Downlink
             * @static
             * @param {streetlight.v1.Downlink.$Properties} message Downlink message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Downlink.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Downlink message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.Downlink
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.Downlink & streetlight.v1.Downlink.$Shape} Downlink
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Downlink.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.Downlink();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.protocolVersion = value;
                            else
                                delete message.protocolVersion;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.time = value;
                            else
                                delete message.time;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.mac = value;
                            else
                                delete message.mac;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.config = $root.streetlight.v1.SetConfig.decode(reader, reader.size(), $undefined, _depth + 1, message.config);
                            message.body = "config";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.plan = $root.streetlight.v1.SetPlan.decode(reader, reader.size(), $undefined, _depth + 1, message.plan);
                            message.body = "plan";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.command = $root.streetlight.v1.Command.decode(reader, reader.size(), $undefined, _depth + 1, message.command);
                            message.body = "command";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.otaOffer = $root.streetlight.v1.OtaOffer.decode(reader, reader.size(), $undefined, _depth + 1, message.otaOffer);
                            message.body = "otaOffer";
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            message.otaChunk = $root.streetlight.v1.OtaChunk.decode(reader, reader.size(), $undefined, _depth + 1, message.otaChunk);
                            message.body = "otaChunk";
                            continue;
                        }
                    case 15: {
                            if (wireType !== 2)
                                break;
                            message.energyAck = $root.streetlight.v1.EnergyAck.decode(reader, reader.size(), $undefined, _depth + 1, message.energyAck);
                            message.body = "energyAck";
                            continue;
                        }
                    case 16: {
                            if (wireType !== 2)
                                break;
                            message.timeSync = $root.streetlight.v1.TimeSync.decode(reader, reader.size(), $undefined, _depth + 1, message.timeSync);
                            message.body = "timeSync";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Downlink message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.Downlink
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.Downlink & streetlight.v1.Downlink.$Shape} Downlink
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Downlink.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Downlink message.
             * @function verify
             * @memberof streetlight.v1.Downlink
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Downlink.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                let properties = {};
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                    if (!$util.isInteger(message.protocolVersion))
                        return "protocolVersion: integer expected";
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    if (!$util.isString(message.deviceId))
                        return "deviceId: string expected";
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (!$util.isInteger(message.seq))
                        return "seq: integer expected";
                if (message.time != null && $Object.hasOwnProperty.call(message, "time"))
                    if (!$util.isInteger(message.time))
                        return "time: integer expected";
                if (message.mac != null && $Object.hasOwnProperty.call(message, "mac"))
                    if (!(message.mac && typeof message.mac.length === "number" || $util.isString(message.mac)))
                        return "mac: buffer expected";
                if (message.config != null && $Object.hasOwnProperty.call(message, "config")) {
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.SetConfig.verify(message.config, _depth + 1);
                        if (error)
                            return "config." + error;
                    }
                }
                if (message.plan != null && $Object.hasOwnProperty.call(message, "plan")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.SetPlan.verify(message.plan, _depth + 1);
                        if (error)
                            return "plan." + error;
                    }
                }
                if (message.command != null && $Object.hasOwnProperty.call(message, "command")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.Command.verify(message.command, _depth + 1);
                        if (error)
                            return "command." + error;
                    }
                }
                if (message.otaOffer != null && $Object.hasOwnProperty.call(message, "otaOffer")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.OtaOffer.verify(message.otaOffer, _depth + 1);
                        if (error)
                            return "otaOffer." + error;
                    }
                }
                if (message.otaChunk != null && $Object.hasOwnProperty.call(message, "otaChunk")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.OtaChunk.verify(message.otaChunk, _depth + 1);
                        if (error)
                            return "otaChunk." + error;
                    }
                }
                if (message.energyAck != null && $Object.hasOwnProperty.call(message, "energyAck")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.EnergyAck.verify(message.energyAck, _depth + 1);
                        if (error)
                            return "energyAck." + error;
                    }
                }
                if (message.timeSync != null && $Object.hasOwnProperty.call(message, "timeSync")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.streetlight.v1.TimeSync.verify(message.timeSync, _depth + 1);
                        if (error)
                            return "timeSync." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a Downlink message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.Downlink
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.Downlink} Downlink
             */
            Downlink.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.Downlink)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.Downlink: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.Downlink();
                if (object.protocolVersion != null)
                    if ($Number(object.protocolVersion) !== 0)
                        message.protocolVersion = object.protocolVersion >>> 0;
                if (object.deviceId != null)
                    if (typeof object.deviceId !== "string" || object.deviceId.length)
                        message.deviceId = $String(object.deviceId);
                if (object.seq != null)
                    if ($Number(object.seq) !== 0)
                        message.seq = object.seq >>> 0;
                if (object.time != null)
                    if ($Number(object.time) !== 0)
                        message.time = object.time >>> 0;
                if (object.mac != null)
                    if (object.mac.length)
                        if (typeof object.mac === "string")
                            $util.base64.decode(object.mac, message.mac = $util.newBuffer($util.base64.length(object.mac)), 0);
                        else if (object.mac.length >= 0)
                            message.mac = object.mac;
                if (object.config != null) {
                    if (!$util.isObject(object.config))
                        throw $TypeError(".streetlight.v1.Downlink.config: object expected");
                    message.config = $root.streetlight.v1.SetConfig.fromObject(object.config, _depth + 1);
                }
                if (object.plan != null) {
                    if (!$util.isObject(object.plan))
                        throw $TypeError(".streetlight.v1.Downlink.plan: object expected");
                    message.plan = $root.streetlight.v1.SetPlan.fromObject(object.plan, _depth + 1);
                }
                if (object.command != null) {
                    if (!$util.isObject(object.command))
                        throw $TypeError(".streetlight.v1.Downlink.command: object expected");
                    message.command = $root.streetlight.v1.Command.fromObject(object.command, _depth + 1);
                }
                if (object.otaOffer != null) {
                    if (!$util.isObject(object.otaOffer))
                        throw $TypeError(".streetlight.v1.Downlink.otaOffer: object expected");
                    message.otaOffer = $root.streetlight.v1.OtaOffer.fromObject(object.otaOffer, _depth + 1);
                }
                if (object.otaChunk != null) {
                    if (!$util.isObject(object.otaChunk))
                        throw $TypeError(".streetlight.v1.Downlink.otaChunk: object expected");
                    message.otaChunk = $root.streetlight.v1.OtaChunk.fromObject(object.otaChunk, _depth + 1);
                }
                if (object.energyAck != null) {
                    if (!$util.isObject(object.energyAck))
                        throw $TypeError(".streetlight.v1.Downlink.energyAck: object expected");
                    message.energyAck = $root.streetlight.v1.EnergyAck.fromObject(object.energyAck, _depth + 1);
                }
                if (object.timeSync != null) {
                    if (!$util.isObject(object.timeSync))
                        throw $TypeError(".streetlight.v1.Downlink.timeSync: object expected");
                    message.timeSync = $root.streetlight.v1.TimeSync.fromObject(object.timeSync, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a Downlink message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.Downlink
             * @static
             * @param {streetlight.v1.Downlink} message Downlink
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Downlink.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.protocolVersion = 0;
                    object.deviceId = "";
                    object.seq = 0;
                    object.time = 0;
                    if (options.bytes === $String)
                        object.mac = "";
                    else {
                        object.mac = [];
                        if (options.bytes !== $Array)
                            object.mac = $util.newBuffer(object.mac);
                    }
                }
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                    object.protocolVersion = message.protocolVersion;
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    object.deviceId = message.deviceId;
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    object.seq = message.seq;
                if (message.time != null && $Object.hasOwnProperty.call(message, "time"))
                    object.time = message.time;
                if (message.mac != null && $Object.hasOwnProperty.call(message, "mac"))
                    object.mac = options.bytes === $String ? $util.base64.encode(message.mac, 0, message.mac.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.mac) : message.mac;
                if (message.config != null && $Object.hasOwnProperty.call(message, "config")) {
                    object.config = $root.streetlight.v1.SetConfig.toObject(message.config, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "config";
                }
                if (message.plan != null && $Object.hasOwnProperty.call(message, "plan")) {
                    object.plan = $root.streetlight.v1.SetPlan.toObject(message.plan, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "plan";
                }
                if (message.command != null && $Object.hasOwnProperty.call(message, "command")) {
                    object.command = $root.streetlight.v1.Command.toObject(message.command, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "command";
                }
                if (message.otaOffer != null && $Object.hasOwnProperty.call(message, "otaOffer")) {
                    object.otaOffer = $root.streetlight.v1.OtaOffer.toObject(message.otaOffer, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "otaOffer";
                }
                if (message.otaChunk != null && $Object.hasOwnProperty.call(message, "otaChunk")) {
                    object.otaChunk = $root.streetlight.v1.OtaChunk.toObject(message.otaChunk, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "otaChunk";
                }
                if (message.energyAck != null && $Object.hasOwnProperty.call(message, "energyAck")) {
                    object.energyAck = $root.streetlight.v1.EnergyAck.toObject(message.energyAck, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "energyAck";
                }
                if (message.timeSync != null && $Object.hasOwnProperty.call(message, "timeSync")) {
                    object.timeSync = $root.streetlight.v1.TimeSync.toObject(message.timeSync, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "timeSync";
                }
                return object;
            };

            /**
             * Converts this Downlink to JSON.
             * @function toJSON
             * @memberof streetlight.v1.Downlink
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Downlink.prototype.toJSON = function() {
                return Downlink.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Downlink
             * @function getTypeUrl
             * @memberof streetlight.v1.Downlink
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Downlink.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.Downlink";
            };

            return Downlink;
        })();

        /**
         * DimCurve enum.
         * @name streetlight.v1.DimCurve
         * @enum {number}
         * @property {number} DIM_CURVE_UNSPECIFIED=0 DIM_CURVE_UNSPECIFIED value
         * @property {number} DIM_CURVE_LINEAR=1 DIM_CURVE_LINEAR value
         * @property {number} DIM_CURVE_LOGARITHMIC=2 DIM_CURVE_LOGARITHMIC value
         */
        v1.DimCurve = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DIM_CURVE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "DIM_CURVE_LINEAR"] = 1;
            values[valuesById[2] = "DIM_CURVE_LOGARITHMIC"] = 2;
            return values;
        })();

        v1.SetConfig = (function() {

            /**
             * Properties of a SetConfig.
             * @typedef {Object} streetlight.v1.SetConfig.$Properties
             * @property {number|null} [version] SetConfig version
             * @property {string|null} [tz] SetConfig tz
             * @property {number|null} [latitudeE6] SetConfig latitudeE6
             * @property {number|null} [longitudeE6] SetConfig longitudeE6
             * @property {number|null} [stateIntervalS] SetConfig stateIntervalS
             * @property {number|null} [energyIntervalS] SetConfig energyIntervalS
             * @property {number|null} [fallbackLevel] SetConfig fallbackLevel
             * @property {streetlight.v1.DimCurve|null} [curve] SetConfig curve
             * @property {number|null} [minLevel] SetConfig minLevel
             * @property {number|null} [nominalPowerW] SetConfig nominalPowerW
             * @property {number|null} [fadeDefaultS] SetConfig fadeDefaultS
             * @property {number|null} [cloLxxPct] SetConfig cloLxxPct
             * @property {number|null} [cloRatedH] SetConfig cloRatedH
             * @property {number|null} [ledHoursOffset] SetConfig ledHoursOffset
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SetConfig.
             * @memberof streetlight.v1
             * @interface ISetConfig
             * @augments streetlight.v1.SetConfig.$Properties
             * @deprecated Use streetlight.v1.SetConfig.$Properties instead.
             */

            /**
             * Shape of a SetConfig.
             * @typedef {streetlight.v1.SetConfig.$Properties} streetlight.v1.SetConfig.$Shape
             */

            /**
             * Constructs a new SetConfig.
             * @memberof streetlight.v1
             * @classdesc Represents a SetConfig.
             * @constructor
             * @param {streetlight.v1.SetConfig.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SetConfig = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SetConfig version.
             * @member {number} version
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.version = 0;

            /**
             * SetConfig tz.
             * @member {string} tz
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.tz = "";

            /**
             * SetConfig latitudeE6.
             * @member {number} latitudeE6
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.latitudeE6 = 0;

            /**
             * SetConfig longitudeE6.
             * @member {number} longitudeE6
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.longitudeE6 = 0;

            /**
             * SetConfig stateIntervalS.
             * @member {number} stateIntervalS
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.stateIntervalS = 0;

            /**
             * SetConfig energyIntervalS.
             * @member {number} energyIntervalS
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.energyIntervalS = 0;

            /**
             * SetConfig fallbackLevel.
             * @member {number} fallbackLevel
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.fallbackLevel = 0;

            /**
             * SetConfig curve.
             * @member {streetlight.v1.DimCurve} curve
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.curve = 0;

            /**
             * SetConfig minLevel.
             * @member {number} minLevel
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.minLevel = 0;

            /**
             * SetConfig nominalPowerW.
             * @member {number} nominalPowerW
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.nominalPowerW = 0;

            /**
             * SetConfig fadeDefaultS.
             * @member {number} fadeDefaultS
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.fadeDefaultS = 0;

            /**
             * SetConfig cloLxxPct.
             * @member {number} cloLxxPct
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.cloLxxPct = 0;

            /**
             * SetConfig cloRatedH.
             * @member {number} cloRatedH
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.cloRatedH = 0;

            /**
             * SetConfig ledHoursOffset.
             * @member {number} ledHoursOffset
             * @memberof streetlight.v1.SetConfig
             * @instance
             */
            SetConfig.prototype.ledHoursOffset = 0;

            /**
             * Creates a new SetConfig instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.SetConfig
             * @static
             * @param {streetlight.v1.SetConfig.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.SetConfig} SetConfig instance
             * @type {{
             *   (properties: streetlight.v1.SetConfig.$Shape): streetlight.v1.SetConfig & streetlight.v1.SetConfig.$Shape;
             *   (properties?: streetlight.v1.SetConfig.$Properties): streetlight.v1.SetConfig;
             * }}
             */
            SetConfig.create = function(properties) {
                return new SetConfig(properties);
            };

            /**
             * Encodes the specified SetConfig message. Does not implicitly {@link streetlight.v1.SetConfig.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.SetConfig
             * @static
             * @param {streetlight.v1.SetConfig.$Properties} message SetConfig message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SetConfig.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                if (message.tz != null && $Object.hasOwnProperty.call(message, "tz") && message.tz !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.tz);
                if (message.latitudeE6 != null && $Object.hasOwnProperty.call(message, "latitudeE6") && message.latitudeE6 !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).sint32(message.latitudeE6);
                if (message.longitudeE6 != null && $Object.hasOwnProperty.call(message, "longitudeE6") && message.longitudeE6 !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).sint32(message.longitudeE6);
                if (message.stateIntervalS != null && $Object.hasOwnProperty.call(message, "stateIntervalS") && message.stateIntervalS !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.stateIntervalS);
                if (message.energyIntervalS != null && $Object.hasOwnProperty.call(message, "energyIntervalS") && message.energyIntervalS !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.energyIntervalS);
                if (message.fallbackLevel != null && $Object.hasOwnProperty.call(message, "fallbackLevel") && message.fallbackLevel !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.fallbackLevel);
                if (message.curve != null && $Object.hasOwnProperty.call(message, "curve") && message.curve !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).int32(message.curve);
                if (message.minLevel != null && $Object.hasOwnProperty.call(message, "minLevel") && message.minLevel !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.minLevel);
                if (message.nominalPowerW != null && $Object.hasOwnProperty.call(message, "nominalPowerW") && message.nominalPowerW !== 0)
                    writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.nominalPowerW);
                if (message.fadeDefaultS != null && $Object.hasOwnProperty.call(message, "fadeDefaultS") && message.fadeDefaultS !== 0)
                    writer.uint32(/* id 11, wireType 0 =*/88).uint32(message.fadeDefaultS);
                if (message.cloLxxPct != null && $Object.hasOwnProperty.call(message, "cloLxxPct") && message.cloLxxPct !== 0)
                    writer.uint32(/* id 12, wireType 0 =*/96).uint32(message.cloLxxPct);
                if (message.cloRatedH != null && $Object.hasOwnProperty.call(message, "cloRatedH") && message.cloRatedH !== 0)
                    writer.uint32(/* id 13, wireType 0 =*/104).uint32(message.cloRatedH);
                if (message.ledHoursOffset != null && $Object.hasOwnProperty.call(message, "ledHoursOffset") && message.ledHoursOffset !== 0)
                    writer.uint32(/* id 14, wireType 0 =*/112).uint32(message.ledHoursOffset);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified SetConfig message, length delimited. Does not implicitly {@link streetlight.v1.SetConfig.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.SetConfig
             * @static
             * @param {streetlight.v1.SetConfig.$Properties} message SetConfig message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SetConfig.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SetConfig message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.SetConfig
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.SetConfig & streetlight.v1.SetConfig.$Shape} SetConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SetConfig.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.SetConfig();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tz = value;
                            else
                                delete message.tz;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.sint32())
                                message.latitudeE6 = value;
                            else
                                delete message.latitudeE6;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.sint32())
                                message.longitudeE6 = value;
                            else
                                delete message.longitudeE6;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.stateIntervalS = value;
                            else
                                delete message.stateIntervalS;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.energyIntervalS = value;
                            else
                                delete message.energyIntervalS;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.fallbackLevel = value;
                            else
                                delete message.fallbackLevel;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.curve = value;
                            else
                                delete message.curve;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.minLevel = value;
                            else
                                delete message.minLevel;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.nominalPowerW = value;
                            else
                                delete message.nominalPowerW;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.fadeDefaultS = value;
                            else
                                delete message.fadeDefaultS;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.cloLxxPct = value;
                            else
                                delete message.cloLxxPct;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.cloRatedH = value;
                            else
                                delete message.cloRatedH;
                            continue;
                        }
                    case 14: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.ledHoursOffset = value;
                            else
                                delete message.ledHoursOffset;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a SetConfig message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.SetConfig
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.SetConfig & streetlight.v1.SetConfig.$Shape} SetConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SetConfig.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SetConfig message.
             * @function verify
             * @memberof streetlight.v1.SetConfig
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SetConfig.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                if (message.tz != null && $Object.hasOwnProperty.call(message, "tz"))
                    if (!$util.isString(message.tz))
                        return "tz: string expected";
                if (message.latitudeE6 != null && $Object.hasOwnProperty.call(message, "latitudeE6"))
                    if (!$util.isInteger(message.latitudeE6))
                        return "latitudeE6: integer expected";
                if (message.longitudeE6 != null && $Object.hasOwnProperty.call(message, "longitudeE6"))
                    if (!$util.isInteger(message.longitudeE6))
                        return "longitudeE6: integer expected";
                if (message.stateIntervalS != null && $Object.hasOwnProperty.call(message, "stateIntervalS"))
                    if (!$util.isInteger(message.stateIntervalS))
                        return "stateIntervalS: integer expected";
                if (message.energyIntervalS != null && $Object.hasOwnProperty.call(message, "energyIntervalS"))
                    if (!$util.isInteger(message.energyIntervalS))
                        return "energyIntervalS: integer expected";
                if (message.fallbackLevel != null && $Object.hasOwnProperty.call(message, "fallbackLevel"))
                    if (!$util.isInteger(message.fallbackLevel))
                        return "fallbackLevel: integer expected";
                if (message.curve != null && $Object.hasOwnProperty.call(message, "curve"))
                    if (typeof message.curve !== "number" || (message.curve | 0) !== message.curve)
                        return "curve: enum value expected";
                if (message.minLevel != null && $Object.hasOwnProperty.call(message, "minLevel"))
                    if (!$util.isInteger(message.minLevel))
                        return "minLevel: integer expected";
                if (message.nominalPowerW != null && $Object.hasOwnProperty.call(message, "nominalPowerW"))
                    if (!$util.isInteger(message.nominalPowerW))
                        return "nominalPowerW: integer expected";
                if (message.fadeDefaultS != null && $Object.hasOwnProperty.call(message, "fadeDefaultS"))
                    if (!$util.isInteger(message.fadeDefaultS))
                        return "fadeDefaultS: integer expected";
                if (message.cloLxxPct != null && $Object.hasOwnProperty.call(message, "cloLxxPct"))
                    if (!$util.isInteger(message.cloLxxPct))
                        return "cloLxxPct: integer expected";
                if (message.cloRatedH != null && $Object.hasOwnProperty.call(message, "cloRatedH"))
                    if (!$util.isInteger(message.cloRatedH))
                        return "cloRatedH: integer expected";
                if (message.ledHoursOffset != null && $Object.hasOwnProperty.call(message, "ledHoursOffset"))
                    if (!$util.isInteger(message.ledHoursOffset))
                        return "ledHoursOffset: integer expected";
                return null;
            };

            /**
             * Creates a SetConfig message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.SetConfig
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.SetConfig} SetConfig
             */
            SetConfig.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.SetConfig)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.SetConfig: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.SetConfig();
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                if (object.tz != null)
                    if (typeof object.tz !== "string" || object.tz.length)
                        message.tz = $String(object.tz);
                if (object.latitudeE6 != null)
                    if ($Number(object.latitudeE6) !== 0)
                        message.latitudeE6 = object.latitudeE6 | 0;
                if (object.longitudeE6 != null)
                    if ($Number(object.longitudeE6) !== 0)
                        message.longitudeE6 = object.longitudeE6 | 0;
                if (object.stateIntervalS != null)
                    if ($Number(object.stateIntervalS) !== 0)
                        message.stateIntervalS = object.stateIntervalS >>> 0;
                if (object.energyIntervalS != null)
                    if ($Number(object.energyIntervalS) !== 0)
                        message.energyIntervalS = object.energyIntervalS >>> 0;
                if (object.fallbackLevel != null)
                    if ($Number(object.fallbackLevel) !== 0)
                        message.fallbackLevel = object.fallbackLevel >>> 0;
                if (object.curve !== 0 && (typeof object.curve !== "string" || $root.streetlight.v1.DimCurve[object.curve] !== 0))
                    switch (object.curve) {
                    case "DIM_CURVE_UNSPECIFIED":
                    case 0:
                        message.curve = 0;
                        break;
                    case "DIM_CURVE_LINEAR":
                    case 1:
                        message.curve = 1;
                        break;
                    case "DIM_CURVE_LOGARITHMIC":
                    case 2:
                        message.curve = 2;
                        break;
                    default:
                        if (typeof object.curve === "number" && (object.curve | 0) === object.curve)
                            message.curve = object.curve;
                    }
                if (object.minLevel != null)
                    if ($Number(object.minLevel) !== 0)
                        message.minLevel = object.minLevel >>> 0;
                if (object.nominalPowerW != null)
                    if ($Number(object.nominalPowerW) !== 0)
                        message.nominalPowerW = object.nominalPowerW >>> 0;
                if (object.fadeDefaultS != null)
                    if ($Number(object.fadeDefaultS) !== 0)
                        message.fadeDefaultS = object.fadeDefaultS >>> 0;
                if (object.cloLxxPct != null)
                    if ($Number(object.cloLxxPct) !== 0)
                        message.cloLxxPct = object.cloLxxPct >>> 0;
                if (object.cloRatedH != null)
                    if ($Number(object.cloRatedH) !== 0)
                        message.cloRatedH = object.cloRatedH >>> 0;
                if (object.ledHoursOffset != null)
                    if ($Number(object.ledHoursOffset) !== 0)
                        message.ledHoursOffset = object.ledHoursOffset >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a SetConfig message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.SetConfig
             * @static
             * @param {streetlight.v1.SetConfig} message SetConfig
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SetConfig.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.version = 0;
                    object.tz = "";
                    object.latitudeE6 = 0;
                    object.longitudeE6 = 0;
                    object.stateIntervalS = 0;
                    object.energyIntervalS = 0;
                    object.fallbackLevel = 0;
                    object.curve = options.enums === $String ? "DIM_CURVE_UNSPECIFIED" : 0;
                    object.minLevel = 0;
                    object.nominalPowerW = 0;
                    object.fadeDefaultS = 0;
                    object.cloLxxPct = 0;
                    object.cloRatedH = 0;
                    object.ledHoursOffset = 0;
                }
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.tz != null && $Object.hasOwnProperty.call(message, "tz"))
                    object.tz = message.tz;
                if (message.latitudeE6 != null && $Object.hasOwnProperty.call(message, "latitudeE6"))
                    object.latitudeE6 = message.latitudeE6;
                if (message.longitudeE6 != null && $Object.hasOwnProperty.call(message, "longitudeE6"))
                    object.longitudeE6 = message.longitudeE6;
                if (message.stateIntervalS != null && $Object.hasOwnProperty.call(message, "stateIntervalS"))
                    object.stateIntervalS = message.stateIntervalS;
                if (message.energyIntervalS != null && $Object.hasOwnProperty.call(message, "energyIntervalS"))
                    object.energyIntervalS = message.energyIntervalS;
                if (message.fallbackLevel != null && $Object.hasOwnProperty.call(message, "fallbackLevel"))
                    object.fallbackLevel = message.fallbackLevel;
                if (message.curve != null && $Object.hasOwnProperty.call(message, "curve"))
                    object.curve = options.enums === $String ? $root.streetlight.v1.DimCurve[message.curve] === $undefined ? message.curve : $root.streetlight.v1.DimCurve[message.curve] : message.curve;
                if (message.minLevel != null && $Object.hasOwnProperty.call(message, "minLevel"))
                    object.minLevel = message.minLevel;
                if (message.nominalPowerW != null && $Object.hasOwnProperty.call(message, "nominalPowerW"))
                    object.nominalPowerW = message.nominalPowerW;
                if (message.fadeDefaultS != null && $Object.hasOwnProperty.call(message, "fadeDefaultS"))
                    object.fadeDefaultS = message.fadeDefaultS;
                if (message.cloLxxPct != null && $Object.hasOwnProperty.call(message, "cloLxxPct"))
                    object.cloLxxPct = message.cloLxxPct;
                if (message.cloRatedH != null && $Object.hasOwnProperty.call(message, "cloRatedH"))
                    object.cloRatedH = message.cloRatedH;
                if (message.ledHoursOffset != null && $Object.hasOwnProperty.call(message, "ledHoursOffset"))
                    object.ledHoursOffset = message.ledHoursOffset;
                return object;
            };

            /**
             * Converts this SetConfig to JSON.
             * @function toJSON
             * @memberof streetlight.v1.SetConfig
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SetConfig.prototype.toJSON = function() {
                return SetConfig.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SetConfig
             * @function getTypeUrl
             * @memberof streetlight.v1.SetConfig
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SetConfig.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.SetConfig";
            };

            return SetConfig;
        })();

        /**
         * Anchor enum.
         * @name streetlight.v1.Anchor
         * @enum {number}
         * @property {number} ANCHOR_UNSPECIFIED=0 ANCHOR_UNSPECIFIED value
         * @property {number} ANCHOR_CLOCK=1 ANCHOR_CLOCK value
         * @property {number} ANCHOR_SUNSET=2 ANCHOR_SUNSET value
         * @property {number} ANCHOR_SUNRISE=3 ANCHOR_SUNRISE value
         * @property {number} ANCHOR_CIVIL_DUSK=4 ANCHOR_CIVIL_DUSK value
         * @property {number} ANCHOR_CIVIL_DAWN=5 ANCHOR_CIVIL_DAWN value
         */
        v1.Anchor = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ANCHOR_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ANCHOR_CLOCK"] = 1;
            values[valuesById[2] = "ANCHOR_SUNSET"] = 2;
            values[valuesById[3] = "ANCHOR_SUNRISE"] = 3;
            values[valuesById[4] = "ANCHOR_CIVIL_DUSK"] = 4;
            values[valuesById[5] = "ANCHOR_CIVIL_DAWN"] = 5;
            return values;
        })();

        v1.PlanStep = (function() {

            /**
             * Properties of a PlanStep.
             * @typedef {Object} streetlight.v1.PlanStep.$Properties
             * @property {streetlight.v1.Anchor|null} [anchor] PlanStep anchor
             * @property {number|null} [offsetMin] PlanStep offsetMin
             * @property {number|null} [level] PlanStep level
             * @property {number|null} [fadeS] PlanStep fadeS
             * @property {streetlight.v1.PresenceMode.$Properties|null} [presence] PlanStep presence
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PlanStep.
             * @memberof streetlight.v1
             * @interface IPlanStep
             * @augments streetlight.v1.PlanStep.$Properties
             * @deprecated Use streetlight.v1.PlanStep.$Properties instead.
             */

            /**
             * Shape of a PlanStep.
             * @typedef {streetlight.v1.PlanStep.$Properties} streetlight.v1.PlanStep.$Shape
             */

            /**
             * Constructs a new PlanStep.
             * @memberof streetlight.v1
             * @classdesc Represents a PlanStep.
             * @constructor
             * @param {streetlight.v1.PlanStep.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PlanStep = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PlanStep anchor.
             * @member {streetlight.v1.Anchor} anchor
             * @memberof streetlight.v1.PlanStep
             * @instance
             */
            PlanStep.prototype.anchor = 0;

            /**
             * PlanStep offsetMin.
             * @member {number} offsetMin
             * @memberof streetlight.v1.PlanStep
             * @instance
             */
            PlanStep.prototype.offsetMin = 0;

            /**
             * PlanStep level.
             * @member {number} level
             * @memberof streetlight.v1.PlanStep
             * @instance
             */
            PlanStep.prototype.level = 0;

            /**
             * PlanStep fadeS.
             * @member {number} fadeS
             * @memberof streetlight.v1.PlanStep
             * @instance
             */
            PlanStep.prototype.fadeS = 0;

            /**
             * PlanStep presence.
             * @member {streetlight.v1.PresenceMode.$Properties|null|undefined} presence
             * @memberof streetlight.v1.PlanStep
             * @instance
             */
            PlanStep.prototype.presence = null;

            /**
             * Creates a new PlanStep instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.PlanStep
             * @static
             * @param {streetlight.v1.PlanStep.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.PlanStep} PlanStep instance
             * @type {{
             *   (properties: streetlight.v1.PlanStep.$Shape): streetlight.v1.PlanStep & streetlight.v1.PlanStep.$Shape;
             *   (properties?: streetlight.v1.PlanStep.$Properties): streetlight.v1.PlanStep;
             * }}
             */
            PlanStep.create = function(properties) {
                return new PlanStep(properties);
            };

            /**
             * Encodes the specified PlanStep message. Does not implicitly {@link streetlight.v1.PlanStep.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.PlanStep
             * @static
             * @param {streetlight.v1.PlanStep.$Properties} message PlanStep message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PlanStep.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.anchor != null && $Object.hasOwnProperty.call(message, "anchor") && message.anchor !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.anchor);
                if (message.offsetMin != null && $Object.hasOwnProperty.call(message, "offsetMin") && message.offsetMin !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).sint32(message.offsetMin);
                if (message.level != null && $Object.hasOwnProperty.call(message, "level") && message.level !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.level);
                if (message.fadeS != null && $Object.hasOwnProperty.call(message, "fadeS") && message.fadeS !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.fadeS);
                if (message.presence != null && $Object.hasOwnProperty.call(message, "presence"))
                    $root.streetlight.v1.PresenceMode.encode(message.presence, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified PlanStep message, length delimited. Does not implicitly {@link streetlight.v1.PlanStep.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.PlanStep
             * @static
             * @param {streetlight.v1.PlanStep.$Properties} message PlanStep message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PlanStep.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PlanStep message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.PlanStep
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.PlanStep & streetlight.v1.PlanStep.$Shape} PlanStep
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PlanStep.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.PlanStep();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.anchor = value;
                            else
                                delete message.anchor;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.sint32())
                                message.offsetMin = value;
                            else
                                delete message.offsetMin;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.level = value;
                            else
                                delete message.level;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.fadeS = value;
                            else
                                delete message.fadeS;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.presence = $root.streetlight.v1.PresenceMode.decode(reader, reader.size(), $undefined, _depth + 1, message.presence);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a PlanStep message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.PlanStep
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.PlanStep & streetlight.v1.PlanStep.$Shape} PlanStep
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PlanStep.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PlanStep message.
             * @function verify
             * @memberof streetlight.v1.PlanStep
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PlanStep.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.anchor != null && $Object.hasOwnProperty.call(message, "anchor"))
                    if (typeof message.anchor !== "number" || (message.anchor | 0) !== message.anchor)
                        return "anchor: enum value expected";
                if (message.offsetMin != null && $Object.hasOwnProperty.call(message, "offsetMin"))
                    if (!$util.isInteger(message.offsetMin))
                        return "offsetMin: integer expected";
                if (message.level != null && $Object.hasOwnProperty.call(message, "level"))
                    if (!$util.isInteger(message.level))
                        return "level: integer expected";
                if (message.fadeS != null && $Object.hasOwnProperty.call(message, "fadeS"))
                    if (!$util.isInteger(message.fadeS))
                        return "fadeS: integer expected";
                if (message.presence != null && $Object.hasOwnProperty.call(message, "presence")) {
                    let error = $root.streetlight.v1.PresenceMode.verify(message.presence, _depth + 1);
                    if (error)
                        return "presence." + error;
                }
                return null;
            };

            /**
             * Creates a PlanStep message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.PlanStep
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.PlanStep} PlanStep
             */
            PlanStep.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.PlanStep)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.PlanStep: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.PlanStep();
                if (object.anchor !== 0 && (typeof object.anchor !== "string" || $root.streetlight.v1.Anchor[object.anchor] !== 0))
                    switch (object.anchor) {
                    case "ANCHOR_UNSPECIFIED":
                    case 0:
                        message.anchor = 0;
                        break;
                    case "ANCHOR_CLOCK":
                    case 1:
                        message.anchor = 1;
                        break;
                    case "ANCHOR_SUNSET":
                    case 2:
                        message.anchor = 2;
                        break;
                    case "ANCHOR_SUNRISE":
                    case 3:
                        message.anchor = 3;
                        break;
                    case "ANCHOR_CIVIL_DUSK":
                    case 4:
                        message.anchor = 4;
                        break;
                    case "ANCHOR_CIVIL_DAWN":
                    case 5:
                        message.anchor = 5;
                        break;
                    default:
                        if (typeof object.anchor === "number" && (object.anchor | 0) === object.anchor)
                            message.anchor = object.anchor;
                    }
                if (object.offsetMin != null)
                    if ($Number(object.offsetMin) !== 0)
                        message.offsetMin = object.offsetMin | 0;
                if (object.level != null)
                    if ($Number(object.level) !== 0)
                        message.level = object.level >>> 0;
                if (object.fadeS != null)
                    if ($Number(object.fadeS) !== 0)
                        message.fadeS = object.fadeS >>> 0;
                if (object.presence != null) {
                    if (!$util.isObject(object.presence))
                        throw $TypeError(".streetlight.v1.PlanStep.presence: object expected");
                    message.presence = $root.streetlight.v1.PresenceMode.fromObject(object.presence, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a PlanStep message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.PlanStep
             * @static
             * @param {streetlight.v1.PlanStep} message PlanStep
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PlanStep.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.anchor = options.enums === $String ? "ANCHOR_UNSPECIFIED" : 0;
                    object.offsetMin = 0;
                    object.level = 0;
                    object.fadeS = 0;
                    object.presence = null;
                }
                if (message.anchor != null && $Object.hasOwnProperty.call(message, "anchor"))
                    object.anchor = options.enums === $String ? $root.streetlight.v1.Anchor[message.anchor] === $undefined ? message.anchor : $root.streetlight.v1.Anchor[message.anchor] : message.anchor;
                if (message.offsetMin != null && $Object.hasOwnProperty.call(message, "offsetMin"))
                    object.offsetMin = message.offsetMin;
                if (message.level != null && $Object.hasOwnProperty.call(message, "level"))
                    object.level = message.level;
                if (message.fadeS != null && $Object.hasOwnProperty.call(message, "fadeS"))
                    object.fadeS = message.fadeS;
                if (message.presence != null && $Object.hasOwnProperty.call(message, "presence"))
                    object.presence = $root.streetlight.v1.PresenceMode.toObject(message.presence, options, _depth + 1);
                return object;
            };

            /**
             * Converts this PlanStep to JSON.
             * @function toJSON
             * @memberof streetlight.v1.PlanStep
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PlanStep.prototype.toJSON = function() {
                return PlanStep.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PlanStep
             * @function getTypeUrl
             * @memberof streetlight.v1.PlanStep
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PlanStep.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.PlanStep";
            };

            return PlanStep;
        })();

        v1.PresenceMode = (function() {

            /**
             * Properties of a PresenceMode.
             * @typedef {Object} streetlight.v1.PresenceMode.$Properties
             * @property {number|null} [baseLevel] PresenceMode baseLevel
             * @property {number|null} [holdS] PresenceMode holdS
             * @property {number|null} [fadeUpS] PresenceMode fadeUpS
             * @property {number|null} [fadeDownS] PresenceMode fadeDownS
             * @property {number|null} [anticipatePct] PresenceMode anticipatePct
             * @property {number|null} [prelightLevel] PresenceMode prelightLevel
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PresenceMode.
             * @memberof streetlight.v1
             * @interface IPresenceMode
             * @augments streetlight.v1.PresenceMode.$Properties
             * @deprecated Use streetlight.v1.PresenceMode.$Properties instead.
             */

            /**
             * Shape of a PresenceMode.
             * @typedef {streetlight.v1.PresenceMode.$Properties} streetlight.v1.PresenceMode.$Shape
             */

            /**
             * Constructs a new PresenceMode.
             * @memberof streetlight.v1
             * @classdesc Represents a PresenceMode.
             * @constructor
             * @param {streetlight.v1.PresenceMode.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PresenceMode = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PresenceMode baseLevel.
             * @member {number} baseLevel
             * @memberof streetlight.v1.PresenceMode
             * @instance
             */
            PresenceMode.prototype.baseLevel = 0;

            /**
             * PresenceMode holdS.
             * @member {number} holdS
             * @memberof streetlight.v1.PresenceMode
             * @instance
             */
            PresenceMode.prototype.holdS = 0;

            /**
             * PresenceMode fadeUpS.
             * @member {number} fadeUpS
             * @memberof streetlight.v1.PresenceMode
             * @instance
             */
            PresenceMode.prototype.fadeUpS = 0;

            /**
             * PresenceMode fadeDownS.
             * @member {number} fadeDownS
             * @memberof streetlight.v1.PresenceMode
             * @instance
             */
            PresenceMode.prototype.fadeDownS = 0;

            /**
             * PresenceMode anticipatePct.
             * @member {number} anticipatePct
             * @memberof streetlight.v1.PresenceMode
             * @instance
             */
            PresenceMode.prototype.anticipatePct = 0;

            /**
             * PresenceMode prelightLevel.
             * @member {number} prelightLevel
             * @memberof streetlight.v1.PresenceMode
             * @instance
             */
            PresenceMode.prototype.prelightLevel = 0;

            /**
             * Creates a new PresenceMode instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.PresenceMode
             * @static
             * @param {streetlight.v1.PresenceMode.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.PresenceMode} PresenceMode instance
             * @type {{
             *   (properties: streetlight.v1.PresenceMode.$Shape): streetlight.v1.PresenceMode & streetlight.v1.PresenceMode.$Shape;
             *   (properties?: streetlight.v1.PresenceMode.$Properties): streetlight.v1.PresenceMode;
             * }}
             */
            PresenceMode.create = function(properties) {
                return new PresenceMode(properties);
            };

            /**
             * Encodes the specified PresenceMode message. Does not implicitly {@link streetlight.v1.PresenceMode.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.PresenceMode
             * @static
             * @param {streetlight.v1.PresenceMode.$Properties} message PresenceMode message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PresenceMode.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.baseLevel != null && $Object.hasOwnProperty.call(message, "baseLevel") && message.baseLevel !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.baseLevel);
                if (message.holdS != null && $Object.hasOwnProperty.call(message, "holdS") && message.holdS !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.holdS);
                if (message.fadeUpS != null && $Object.hasOwnProperty.call(message, "fadeUpS") && message.fadeUpS !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.fadeUpS);
                if (message.fadeDownS != null && $Object.hasOwnProperty.call(message, "fadeDownS") && message.fadeDownS !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.fadeDownS);
                if (message.anticipatePct != null && $Object.hasOwnProperty.call(message, "anticipatePct") && message.anticipatePct !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.anticipatePct);
                if (message.prelightLevel != null && $Object.hasOwnProperty.call(message, "prelightLevel") && message.prelightLevel !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.prelightLevel);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified PresenceMode message, length delimited. Does not implicitly {@link streetlight.v1.PresenceMode.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.PresenceMode
             * @static
             * @param {streetlight.v1.PresenceMode.$Properties} message PresenceMode message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PresenceMode.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PresenceMode message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.PresenceMode
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.PresenceMode & streetlight.v1.PresenceMode.$Shape} PresenceMode
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PresenceMode.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.PresenceMode();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.baseLevel = value;
                            else
                                delete message.baseLevel;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.holdS = value;
                            else
                                delete message.holdS;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.fadeUpS = value;
                            else
                                delete message.fadeUpS;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.fadeDownS = value;
                            else
                                delete message.fadeDownS;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.anticipatePct = value;
                            else
                                delete message.anticipatePct;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.prelightLevel = value;
                            else
                                delete message.prelightLevel;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a PresenceMode message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.PresenceMode
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.PresenceMode & streetlight.v1.PresenceMode.$Shape} PresenceMode
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PresenceMode.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PresenceMode message.
             * @function verify
             * @memberof streetlight.v1.PresenceMode
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PresenceMode.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.baseLevel != null && $Object.hasOwnProperty.call(message, "baseLevel"))
                    if (!$util.isInteger(message.baseLevel))
                        return "baseLevel: integer expected";
                if (message.holdS != null && $Object.hasOwnProperty.call(message, "holdS"))
                    if (!$util.isInteger(message.holdS))
                        return "holdS: integer expected";
                if (message.fadeUpS != null && $Object.hasOwnProperty.call(message, "fadeUpS"))
                    if (!$util.isInteger(message.fadeUpS))
                        return "fadeUpS: integer expected";
                if (message.fadeDownS != null && $Object.hasOwnProperty.call(message, "fadeDownS"))
                    if (!$util.isInteger(message.fadeDownS))
                        return "fadeDownS: integer expected";
                if (message.anticipatePct != null && $Object.hasOwnProperty.call(message, "anticipatePct"))
                    if (!$util.isInteger(message.anticipatePct))
                        return "anticipatePct: integer expected";
                if (message.prelightLevel != null && $Object.hasOwnProperty.call(message, "prelightLevel"))
                    if (!$util.isInteger(message.prelightLevel))
                        return "prelightLevel: integer expected";
                return null;
            };

            /**
             * Creates a PresenceMode message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.PresenceMode
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.PresenceMode} PresenceMode
             */
            PresenceMode.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.PresenceMode)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.PresenceMode: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.PresenceMode();
                if (object.baseLevel != null)
                    if ($Number(object.baseLevel) !== 0)
                        message.baseLevel = object.baseLevel >>> 0;
                if (object.holdS != null)
                    if ($Number(object.holdS) !== 0)
                        message.holdS = object.holdS >>> 0;
                if (object.fadeUpS != null)
                    if ($Number(object.fadeUpS) !== 0)
                        message.fadeUpS = object.fadeUpS >>> 0;
                if (object.fadeDownS != null)
                    if ($Number(object.fadeDownS) !== 0)
                        message.fadeDownS = object.fadeDownS >>> 0;
                if (object.anticipatePct != null)
                    if ($Number(object.anticipatePct) !== 0)
                        message.anticipatePct = object.anticipatePct >>> 0;
                if (object.prelightLevel != null)
                    if ($Number(object.prelightLevel) !== 0)
                        message.prelightLevel = object.prelightLevel >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a PresenceMode message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.PresenceMode
             * @static
             * @param {streetlight.v1.PresenceMode} message PresenceMode
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PresenceMode.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.baseLevel = 0;
                    object.holdS = 0;
                    object.fadeUpS = 0;
                    object.fadeDownS = 0;
                    object.anticipatePct = 0;
                    object.prelightLevel = 0;
                }
                if (message.baseLevel != null && $Object.hasOwnProperty.call(message, "baseLevel"))
                    object.baseLevel = message.baseLevel;
                if (message.holdS != null && $Object.hasOwnProperty.call(message, "holdS"))
                    object.holdS = message.holdS;
                if (message.fadeUpS != null && $Object.hasOwnProperty.call(message, "fadeUpS"))
                    object.fadeUpS = message.fadeUpS;
                if (message.fadeDownS != null && $Object.hasOwnProperty.call(message, "fadeDownS"))
                    object.fadeDownS = message.fadeDownS;
                if (message.anticipatePct != null && $Object.hasOwnProperty.call(message, "anticipatePct"))
                    object.anticipatePct = message.anticipatePct;
                if (message.prelightLevel != null && $Object.hasOwnProperty.call(message, "prelightLevel"))
                    object.prelightLevel = message.prelightLevel;
                return object;
            };

            /**
             * Converts this PresenceMode to JSON.
             * @function toJSON
             * @memberof streetlight.v1.PresenceMode
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PresenceMode.prototype.toJSON = function() {
                return PresenceMode.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PresenceMode
             * @function getTypeUrl
             * @memberof streetlight.v1.PresenceMode
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PresenceMode.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.PresenceMode";
            };

            return PresenceMode;
        })();

        v1.DayProgram = (function() {

            /**
             * Properties of a DayProgram.
             * @typedef {Object} streetlight.v1.DayProgram.$Properties
             * @property {number|null} [id] DayProgram id
             * @property {Array.<streetlight.v1.PlanStep.$Properties>|null} [steps] DayProgram steps
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DayProgram.
             * @memberof streetlight.v1
             * @interface IDayProgram
             * @augments streetlight.v1.DayProgram.$Properties
             * @deprecated Use streetlight.v1.DayProgram.$Properties instead.
             */

            /**
             * Shape of a DayProgram.
             * @typedef {streetlight.v1.DayProgram.$Properties} streetlight.v1.DayProgram.$Shape
             */

            /**
             * Constructs a new DayProgram.
             * @memberof streetlight.v1
             * @classdesc Represents a DayProgram.
             * @constructor
             * @param {streetlight.v1.DayProgram.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DayProgram = function (properties) {
                this.steps = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DayProgram id.
             * @member {number} id
             * @memberof streetlight.v1.DayProgram
             * @instance
             */
            DayProgram.prototype.id = 0;

            /**
             * DayProgram steps.
             * @member {Array.<streetlight.v1.PlanStep.$Properties>} steps
             * @memberof streetlight.v1.DayProgram
             * @instance
             */
            DayProgram.prototype.steps = $util.emptyArray;

            /**
             * Creates a new DayProgram instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.DayProgram
             * @static
             * @param {streetlight.v1.DayProgram.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.DayProgram} DayProgram instance
             * @type {{
             *   (properties: streetlight.v1.DayProgram.$Shape): streetlight.v1.DayProgram & streetlight.v1.DayProgram.$Shape;
             *   (properties?: streetlight.v1.DayProgram.$Properties): streetlight.v1.DayProgram;
             * }}
             */
            DayProgram.create = function(properties) {
                return new DayProgram(properties);
            };

            /**
             * Encodes the specified DayProgram message. Does not implicitly {@link streetlight.v1.DayProgram.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.DayProgram
             * @static
             * @param {streetlight.v1.DayProgram.$Properties} message DayProgram message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DayProgram.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.id);
                if (message.steps != null && message.steps.length)
                    for (let i = 0; i < message.steps.length; ++i)
                        $root.streetlight.v1.PlanStep.encode(message.steps[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified DayProgram message, length delimited. Does not implicitly {@link streetlight.v1.DayProgram.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.DayProgram
             * @static
             * @param {streetlight.v1.DayProgram.$Properties} message DayProgram message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DayProgram.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DayProgram message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.DayProgram
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.DayProgram & streetlight.v1.DayProgram.$Shape} DayProgram
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DayProgram.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.DayProgram();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.steps && message.steps.length))
                                message.steps = [];
                            message.steps.push($root.streetlight.v1.PlanStep.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a DayProgram message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.DayProgram
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.DayProgram & streetlight.v1.DayProgram.$Shape} DayProgram
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DayProgram.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DayProgram message.
             * @function verify
             * @memberof streetlight.v1.DayProgram
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DayProgram.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    if (!$util.isInteger(message.id))
                        return "id: integer expected";
                if (message.steps != null && $Object.hasOwnProperty.call(message, "steps")) {
                    if (!$Array.isArray(message.steps))
                        return "steps: array expected";
                    for (let i = 0; i < message.steps.length; ++i) {
                        let error = $root.streetlight.v1.PlanStep.verify(message.steps[i], _depth + 1);
                        if (error)
                            return "steps." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a DayProgram message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.DayProgram
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.DayProgram} DayProgram
             */
            DayProgram.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.DayProgram)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.DayProgram: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.DayProgram();
                if (object.id != null)
                    if ($Number(object.id) !== 0)
                        message.id = object.id >>> 0;
                if (object.steps) {
                    if (!$Array.isArray(object.steps))
                        throw $TypeError(".streetlight.v1.DayProgram.steps: array expected");
                    message.steps = $Array(object.steps.length);
                    for (let i = 0; i < object.steps.length; ++i) {
                        if (!$util.isObject(object.steps[i]))
                            throw $TypeError(".streetlight.v1.DayProgram.steps: object expected");
                        message.steps[i] = $root.streetlight.v1.PlanStep.fromObject(object.steps[i], _depth + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from a DayProgram message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.DayProgram
             * @static
             * @param {streetlight.v1.DayProgram} message DayProgram
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DayProgram.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.steps = [];
                if (options.defaults)
                    object.id = 0;
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    object.id = message.id;
                if (message.steps && message.steps.length) {
                    object.steps = $Array(message.steps.length);
                    for (let j = 0; j < message.steps.length; ++j)
                        object.steps[j] = $root.streetlight.v1.PlanStep.toObject(message.steps[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this DayProgram to JSON.
             * @function toJSON
             * @memberof streetlight.v1.DayProgram
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DayProgram.prototype.toJSON = function() {
                return DayProgram.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DayProgram
             * @function getTypeUrl
             * @memberof streetlight.v1.DayProgram
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DayProgram.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.DayProgram";
            };

            return DayProgram;
        })();

        v1.CalendarRule = (function() {

            /**
             * Properties of a CalendarRule.
             * @typedef {Object} streetlight.v1.CalendarRule.$Properties
             * @property {number|null} [programId] CalendarRule programId
             * @property {number|null} [weekdayMask] CalendarRule weekdayMask
             * @property {Array.<number>|null} [dates] CalendarRule dates
             * @property {number|null} [priority] CalendarRule priority
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CalendarRule.
             * @memberof streetlight.v1
             * @interface ICalendarRule
             * @augments streetlight.v1.CalendarRule.$Properties
             * @deprecated Use streetlight.v1.CalendarRule.$Properties instead.
             */

            /**
             * Shape of a CalendarRule.
             * @typedef {streetlight.v1.CalendarRule.$Properties} streetlight.v1.CalendarRule.$Shape
             */

            /**
             * Constructs a new CalendarRule.
             * @memberof streetlight.v1
             * @classdesc Represents a CalendarRule.
             * @constructor
             * @param {streetlight.v1.CalendarRule.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CalendarRule = function (properties) {
                this.dates = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CalendarRule programId.
             * @member {number} programId
             * @memberof streetlight.v1.CalendarRule
             * @instance
             */
            CalendarRule.prototype.programId = 0;

            /**
             * CalendarRule weekdayMask.
             * @member {number} weekdayMask
             * @memberof streetlight.v1.CalendarRule
             * @instance
             */
            CalendarRule.prototype.weekdayMask = 0;

            /**
             * CalendarRule dates.
             * @member {Array.<number>} dates
             * @memberof streetlight.v1.CalendarRule
             * @instance
             */
            CalendarRule.prototype.dates = $util.emptyArray;

            /**
             * CalendarRule priority.
             * @member {number} priority
             * @memberof streetlight.v1.CalendarRule
             * @instance
             */
            CalendarRule.prototype.priority = 0;

            /**
             * Creates a new CalendarRule instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.CalendarRule
             * @static
             * @param {streetlight.v1.CalendarRule.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.CalendarRule} CalendarRule instance
             * @type {{
             *   (properties: streetlight.v1.CalendarRule.$Shape): streetlight.v1.CalendarRule & streetlight.v1.CalendarRule.$Shape;
             *   (properties?: streetlight.v1.CalendarRule.$Properties): streetlight.v1.CalendarRule;
             * }}
             */
            CalendarRule.create = function(properties) {
                return new CalendarRule(properties);
            };

            /**
             * Encodes the specified CalendarRule message. Does not implicitly {@link streetlight.v1.CalendarRule.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.CalendarRule
             * @static
             * @param {streetlight.v1.CalendarRule.$Properties} message CalendarRule message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CalendarRule.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.programId != null && $Object.hasOwnProperty.call(message, "programId") && message.programId !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.programId);
                if (message.weekdayMask != null && $Object.hasOwnProperty.call(message, "weekdayMask") && message.weekdayMask !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.weekdayMask);
                if (message.dates != null && message.dates.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).uint32s(message.dates);
                if (message.priority != null && $Object.hasOwnProperty.call(message, "priority") && message.priority !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.priority);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified CalendarRule message, length delimited. Does not implicitly {@link streetlight.v1.CalendarRule.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.CalendarRule
             * @static
             * @param {streetlight.v1.CalendarRule.$Properties} message CalendarRule message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CalendarRule.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a CalendarRule message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.CalendarRule
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.CalendarRule & streetlight.v1.CalendarRule.$Shape} CalendarRule
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CalendarRule.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.CalendarRule();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.programId = value;
                            else
                                delete message.programId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.weekdayMask = value;
                            else
                                delete message.weekdayMask;
                            continue;
                        }
                    case 3: {
                            if (wireType === 2) {
                                if (!(message.dates && message.dates.length))
                                    message.dates = [];
                                reader.uint32s(message.dates);
                                continue;
                            }
                            if (wireType !== 0)
                                break;
                            if (!(message.dates && message.dates.length))
                                message.dates = [];
                            message.dates.push(reader.uint32());
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.priority = value;
                            else
                                delete message.priority;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a CalendarRule message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.CalendarRule
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.CalendarRule & streetlight.v1.CalendarRule.$Shape} CalendarRule
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CalendarRule.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a CalendarRule message.
             * @function verify
             * @memberof streetlight.v1.CalendarRule
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            CalendarRule.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.programId != null && $Object.hasOwnProperty.call(message, "programId"))
                    if (!$util.isInteger(message.programId))
                        return "programId: integer expected";
                if (message.weekdayMask != null && $Object.hasOwnProperty.call(message, "weekdayMask"))
                    if (!$util.isInteger(message.weekdayMask))
                        return "weekdayMask: integer expected";
                if (message.dates != null && $Object.hasOwnProperty.call(message, "dates")) {
                    if (!$Array.isArray(message.dates))
                        return "dates: array expected";
                    for (let i = 0; i < message.dates.length; ++i)
                        if (!$util.isInteger(message.dates[i]))
                            return "dates: integer[] expected";
                }
                if (message.priority != null && $Object.hasOwnProperty.call(message, "priority"))
                    if (!$util.isInteger(message.priority))
                        return "priority: integer expected";
                return null;
            };

            /**
             * Creates a CalendarRule message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.CalendarRule
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.CalendarRule} CalendarRule
             */
            CalendarRule.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.CalendarRule)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.CalendarRule: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.CalendarRule();
                if (object.programId != null)
                    if ($Number(object.programId) !== 0)
                        message.programId = object.programId >>> 0;
                if (object.weekdayMask != null)
                    if ($Number(object.weekdayMask) !== 0)
                        message.weekdayMask = object.weekdayMask >>> 0;
                if (object.dates) {
                    if (!$Array.isArray(object.dates))
                        throw $TypeError(".streetlight.v1.CalendarRule.dates: array expected");
                    message.dates = $Array(object.dates.length);
                    for (let i = 0; i < object.dates.length; ++i)
                        message.dates[i] = object.dates[i] >>> 0;
                }
                if (object.priority != null)
                    if ($Number(object.priority) !== 0)
                        message.priority = object.priority >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a CalendarRule message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.CalendarRule
             * @static
             * @param {streetlight.v1.CalendarRule} message CalendarRule
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            CalendarRule.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.dates = [];
                if (options.defaults) {
                    object.programId = 0;
                    object.weekdayMask = 0;
                    object.priority = 0;
                }
                if (message.programId != null && $Object.hasOwnProperty.call(message, "programId"))
                    object.programId = message.programId;
                if (message.weekdayMask != null && $Object.hasOwnProperty.call(message, "weekdayMask"))
                    object.weekdayMask = message.weekdayMask;
                if (message.dates && message.dates.length) {
                    object.dates = $Array(message.dates.length);
                    for (let j = 0; j < message.dates.length; ++j)
                        object.dates[j] = message.dates[j];
                }
                if (message.priority != null && $Object.hasOwnProperty.call(message, "priority"))
                    object.priority = message.priority;
                return object;
            };

            /**
             * Converts this CalendarRule to JSON.
             * @function toJSON
             * @memberof streetlight.v1.CalendarRule
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            CalendarRule.prototype.toJSON = function() {
                return CalendarRule.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for CalendarRule
             * @function getTypeUrl
             * @memberof streetlight.v1.CalendarRule
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CalendarRule.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.CalendarRule";
            };

            return CalendarRule;
        })();

        v1.Plan = (function() {

            /**
             * Properties of a Plan.
             * @typedef {Object} streetlight.v1.Plan.$Properties
             * @property {number|null} [id] Plan id
             * @property {number|null} [version] Plan version
             * @property {Array.<streetlight.v1.DayProgram.$Properties>|null} [programs] Plan programs
             * @property {Array.<streetlight.v1.CalendarRule.$Properties>|null} [rules] Plan rules
             * @property {number|null} [defaultProgramId] Plan defaultProgramId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Plan.
             * @memberof streetlight.v1
             * @interface IPlan
             * @augments streetlight.v1.Plan.$Properties
             * @deprecated Use streetlight.v1.Plan.$Properties instead.
             */

            /**
             * Shape of a Plan.
             * @typedef {streetlight.v1.Plan.$Properties} streetlight.v1.Plan.$Shape
             */

            /**
             * Constructs a new Plan.
             * @memberof streetlight.v1
             * @classdesc Represents a Plan.
             * @constructor
             * @param {streetlight.v1.Plan.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Plan = function (properties) {
                this.programs = [];
                this.rules = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Plan id.
             * @member {number} id
             * @memberof streetlight.v1.Plan
             * @instance
             */
            Plan.prototype.id = 0;

            /**
             * Plan version.
             * @member {number} version
             * @memberof streetlight.v1.Plan
             * @instance
             */
            Plan.prototype.version = 0;

            /**
             * Plan programs.
             * @member {Array.<streetlight.v1.DayProgram.$Properties>} programs
             * @memberof streetlight.v1.Plan
             * @instance
             */
            Plan.prototype.programs = $util.emptyArray;

            /**
             * Plan rules.
             * @member {Array.<streetlight.v1.CalendarRule.$Properties>} rules
             * @memberof streetlight.v1.Plan
             * @instance
             */
            Plan.prototype.rules = $util.emptyArray;

            /**
             * Plan defaultProgramId.
             * @member {number} defaultProgramId
             * @memberof streetlight.v1.Plan
             * @instance
             */
            Plan.prototype.defaultProgramId = 0;

            /**
             * Creates a new Plan instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.Plan
             * @static
             * @param {streetlight.v1.Plan.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.Plan} Plan instance
             * @type {{
             *   (properties: streetlight.v1.Plan.$Shape): streetlight.v1.Plan & streetlight.v1.Plan.$Shape;
             *   (properties?: streetlight.v1.Plan.$Properties): streetlight.v1.Plan;
             * }}
             */
            Plan.create = function(properties) {
                return new Plan(properties);
            };

            /**
             * Encodes the specified Plan message. Does not implicitly {@link streetlight.v1.Plan.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.Plan
             * @static
             * @param {streetlight.v1.Plan.$Properties} message Plan message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Plan.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.id);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.version);
                if (message.programs != null && message.programs.length)
                    for (let i = 0; i < message.programs.length; ++i)
                        $root.streetlight.v1.DayProgram.encode(message.programs[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.rules != null && message.rules.length)
                    for (let i = 0; i < message.rules.length; ++i)
                        $root.streetlight.v1.CalendarRule.encode(message.rules[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.defaultProgramId != null && $Object.hasOwnProperty.call(message, "defaultProgramId") && message.defaultProgramId !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.defaultProgramId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Plan message, length delimited. Does not implicitly {@link streetlight.v1.Plan.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.Plan
             * @static
             * @param {streetlight.v1.Plan.$Properties} message Plan message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Plan.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Plan message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.Plan
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.Plan & streetlight.v1.Plan.$Shape} Plan
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Plan.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.Plan();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.programs && message.programs.length))
                                message.programs = [];
                            message.programs.push($root.streetlight.v1.DayProgram.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.rules && message.rules.length))
                                message.rules = [];
                            message.rules.push($root.streetlight.v1.CalendarRule.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.defaultProgramId = value;
                            else
                                delete message.defaultProgramId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Plan message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.Plan
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.Plan & streetlight.v1.Plan.$Shape} Plan
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Plan.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Plan message.
             * @function verify
             * @memberof streetlight.v1.Plan
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Plan.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    if (!$util.isInteger(message.id))
                        return "id: integer expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                if (message.programs != null && $Object.hasOwnProperty.call(message, "programs")) {
                    if (!$Array.isArray(message.programs))
                        return "programs: array expected";
                    for (let i = 0; i < message.programs.length; ++i) {
                        let error = $root.streetlight.v1.DayProgram.verify(message.programs[i], _depth + 1);
                        if (error)
                            return "programs." + error;
                    }
                }
                if (message.rules != null && $Object.hasOwnProperty.call(message, "rules")) {
                    if (!$Array.isArray(message.rules))
                        return "rules: array expected";
                    for (let i = 0; i < message.rules.length; ++i) {
                        let error = $root.streetlight.v1.CalendarRule.verify(message.rules[i], _depth + 1);
                        if (error)
                            return "rules." + error;
                    }
                }
                if (message.defaultProgramId != null && $Object.hasOwnProperty.call(message, "defaultProgramId"))
                    if (!$util.isInteger(message.defaultProgramId))
                        return "defaultProgramId: integer expected";
                return null;
            };

            /**
             * Creates a Plan message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.Plan
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.Plan} Plan
             */
            Plan.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.Plan)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.Plan: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.Plan();
                if (object.id != null)
                    if ($Number(object.id) !== 0)
                        message.id = object.id >>> 0;
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                if (object.programs) {
                    if (!$Array.isArray(object.programs))
                        throw $TypeError(".streetlight.v1.Plan.programs: array expected");
                    message.programs = $Array(object.programs.length);
                    for (let i = 0; i < object.programs.length; ++i) {
                        if (!$util.isObject(object.programs[i]))
                            throw $TypeError(".streetlight.v1.Plan.programs: object expected");
                        message.programs[i] = $root.streetlight.v1.DayProgram.fromObject(object.programs[i], _depth + 1);
                    }
                }
                if (object.rules) {
                    if (!$Array.isArray(object.rules))
                        throw $TypeError(".streetlight.v1.Plan.rules: array expected");
                    message.rules = $Array(object.rules.length);
                    for (let i = 0; i < object.rules.length; ++i) {
                        if (!$util.isObject(object.rules[i]))
                            throw $TypeError(".streetlight.v1.Plan.rules: object expected");
                        message.rules[i] = $root.streetlight.v1.CalendarRule.fromObject(object.rules[i], _depth + 1);
                    }
                }
                if (object.defaultProgramId != null)
                    if ($Number(object.defaultProgramId) !== 0)
                        message.defaultProgramId = object.defaultProgramId >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a Plan message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.Plan
             * @static
             * @param {streetlight.v1.Plan} message Plan
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Plan.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.programs = [];
                    object.rules = [];
                }
                if (options.defaults) {
                    object.id = 0;
                    object.version = 0;
                    object.defaultProgramId = 0;
                }
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    object.id = message.id;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.programs && message.programs.length) {
                    object.programs = $Array(message.programs.length);
                    for (let j = 0; j < message.programs.length; ++j)
                        object.programs[j] = $root.streetlight.v1.DayProgram.toObject(message.programs[j], options, _depth + 1);
                }
                if (message.rules && message.rules.length) {
                    object.rules = $Array(message.rules.length);
                    for (let j = 0; j < message.rules.length; ++j)
                        object.rules[j] = $root.streetlight.v1.CalendarRule.toObject(message.rules[j], options, _depth + 1);
                }
                if (message.defaultProgramId != null && $Object.hasOwnProperty.call(message, "defaultProgramId"))
                    object.defaultProgramId = message.defaultProgramId;
                return object;
            };

            /**
             * Converts this Plan to JSON.
             * @function toJSON
             * @memberof streetlight.v1.Plan
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Plan.prototype.toJSON = function() {
                return Plan.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Plan
             * @function getTypeUrl
             * @memberof streetlight.v1.Plan
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Plan.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.Plan";
            };

            return Plan;
        })();

        v1.SetPlan = (function() {

            /**
             * Properties of a SetPlan.
             * @typedef {Object} streetlight.v1.SetPlan.$Properties
             * @property {streetlight.v1.Plan.$Properties|null} [plan] SetPlan plan
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SetPlan.
             * @memberof streetlight.v1
             * @interface ISetPlan
             * @augments streetlight.v1.SetPlan.$Properties
             * @deprecated Use streetlight.v1.SetPlan.$Properties instead.
             */

            /**
             * Shape of a SetPlan.
             * @typedef {streetlight.v1.SetPlan.$Properties} streetlight.v1.SetPlan.$Shape
             */

            /**
             * Constructs a new SetPlan.
             * @memberof streetlight.v1
             * @classdesc Represents a SetPlan.
             * @constructor
             * @param {streetlight.v1.SetPlan.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SetPlan = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SetPlan plan.
             * @member {streetlight.v1.Plan.$Properties|null|undefined} plan
             * @memberof streetlight.v1.SetPlan
             * @instance
             */
            SetPlan.prototype.plan = null;

            /**
             * Creates a new SetPlan instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.SetPlan
             * @static
             * @param {streetlight.v1.SetPlan.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.SetPlan} SetPlan instance
             * @type {{
             *   (properties: streetlight.v1.SetPlan.$Shape): streetlight.v1.SetPlan & streetlight.v1.SetPlan.$Shape;
             *   (properties?: streetlight.v1.SetPlan.$Properties): streetlight.v1.SetPlan;
             * }}
             */
            SetPlan.create = function(properties) {
                return new SetPlan(properties);
            };

            /**
             * Encodes the specified SetPlan message. Does not implicitly {@link streetlight.v1.SetPlan.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.SetPlan
             * @static
             * @param {streetlight.v1.SetPlan.$Properties} message SetPlan message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SetPlan.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.plan != null && $Object.hasOwnProperty.call(message, "plan"))
                    $root.streetlight.v1.Plan.encode(message.plan, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified SetPlan message, length delimited. Does not implicitly {@link streetlight.v1.SetPlan.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.SetPlan
             * @static
             * @param {streetlight.v1.SetPlan.$Properties} message SetPlan message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SetPlan.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SetPlan message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.SetPlan
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.SetPlan & streetlight.v1.SetPlan.$Shape} SetPlan
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SetPlan.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.SetPlan();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.plan = $root.streetlight.v1.Plan.decode(reader, reader.size(), $undefined, _depth + 1, message.plan);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a SetPlan message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.SetPlan
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.SetPlan & streetlight.v1.SetPlan.$Shape} SetPlan
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SetPlan.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SetPlan message.
             * @function verify
             * @memberof streetlight.v1.SetPlan
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SetPlan.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.plan != null && $Object.hasOwnProperty.call(message, "plan")) {
                    let error = $root.streetlight.v1.Plan.verify(message.plan, _depth + 1);
                    if (error)
                        return "plan." + error;
                }
                return null;
            };

            /**
             * Creates a SetPlan message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.SetPlan
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.SetPlan} SetPlan
             */
            SetPlan.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.SetPlan)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.SetPlan: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.SetPlan();
                if (object.plan != null) {
                    if (!$util.isObject(object.plan))
                        throw $TypeError(".streetlight.v1.SetPlan.plan: object expected");
                    message.plan = $root.streetlight.v1.Plan.fromObject(object.plan, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a SetPlan message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.SetPlan
             * @static
             * @param {streetlight.v1.SetPlan} message SetPlan
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SetPlan.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.plan = null;
                if (message.plan != null && $Object.hasOwnProperty.call(message, "plan"))
                    object.plan = $root.streetlight.v1.Plan.toObject(message.plan, options, _depth + 1);
                return object;
            };

            /**
             * Converts this SetPlan to JSON.
             * @function toJSON
             * @memberof streetlight.v1.SetPlan
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SetPlan.prototype.toJSON = function() {
                return SetPlan.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SetPlan
             * @function getTypeUrl
             * @memberof streetlight.v1.SetPlan
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SetPlan.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.SetPlan";
            };

            return SetPlan;
        })();

        v1.Override = (function() {

            /**
             * Properties of an Override.
             * @typedef {Object} streetlight.v1.Override.$Properties
             * @property {number|null} [id] Override id
             * @property {number|null} [level] Override level
             * @property {number|null} [expiresAt] Override expiresAt
             * @property {number|null} [fadeS] Override fadeS
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Override.
             * @memberof streetlight.v1
             * @interface IOverride
             * @augments streetlight.v1.Override.$Properties
             * @deprecated Use streetlight.v1.Override.$Properties instead.
             */

            /**
             * Shape of an Override.
             * @typedef {streetlight.v1.Override.$Properties} streetlight.v1.Override.$Shape
             */

            /**
             * Constructs a new Override.
             * @memberof streetlight.v1
             * @classdesc Represents an Override.
             * @constructor
             * @param {streetlight.v1.Override.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Override = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Override id.
             * @member {number} id
             * @memberof streetlight.v1.Override
             * @instance
             */
            Override.prototype.id = 0;

            /**
             * Override level.
             * @member {number} level
             * @memberof streetlight.v1.Override
             * @instance
             */
            Override.prototype.level = 0;

            /**
             * Override expiresAt.
             * @member {number} expiresAt
             * @memberof streetlight.v1.Override
             * @instance
             */
            Override.prototype.expiresAt = 0;

            /**
             * Override fadeS.
             * @member {number} fadeS
             * @memberof streetlight.v1.Override
             * @instance
             */
            Override.prototype.fadeS = 0;

            /**
             * Creates a new Override instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.Override
             * @static
             * @param {streetlight.v1.Override.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.Override} Override instance
             * @type {{
             *   (properties: streetlight.v1.Override.$Shape): streetlight.v1.Override & streetlight.v1.Override.$Shape;
             *   (properties?: streetlight.v1.Override.$Properties): streetlight.v1.Override;
             * }}
             */
            Override.create = function(properties) {
                return new Override(properties);
            };

            /**
             * Encodes the specified Override message. Does not implicitly {@link streetlight.v1.Override.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.Override
             * @static
             * @param {streetlight.v1.Override.$Properties} message Override message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Override.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.id);
                if (message.level != null && $Object.hasOwnProperty.call(message, "level") && message.level !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.level);
                if (message.expiresAt != null && $Object.hasOwnProperty.call(message, "expiresAt") && message.expiresAt !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.expiresAt);
                if (message.fadeS != null && $Object.hasOwnProperty.call(message, "fadeS") && message.fadeS !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.fadeS);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Override message, length delimited. Does not implicitly {@link streetlight.v1.Override.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.Override
             * @static
             * @param {streetlight.v1.Override.$Properties} message Override message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Override.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Override message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.Override
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.Override & streetlight.v1.Override.$Shape} Override
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Override.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.Override();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.level = value;
                            else
                                delete message.level;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.expiresAt = value;
                            else
                                delete message.expiresAt;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.fadeS = value;
                            else
                                delete message.fadeS;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an Override message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.Override
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.Override & streetlight.v1.Override.$Shape} Override
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Override.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Override message.
             * @function verify
             * @memberof streetlight.v1.Override
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Override.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    if (!$util.isInteger(message.id))
                        return "id: integer expected";
                if (message.level != null && $Object.hasOwnProperty.call(message, "level"))
                    if (!$util.isInteger(message.level))
                        return "level: integer expected";
                if (message.expiresAt != null && $Object.hasOwnProperty.call(message, "expiresAt"))
                    if (!$util.isInteger(message.expiresAt))
                        return "expiresAt: integer expected";
                if (message.fadeS != null && $Object.hasOwnProperty.call(message, "fadeS"))
                    if (!$util.isInteger(message.fadeS))
                        return "fadeS: integer expected";
                return null;
            };

            /**
             * Creates an Override message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.Override
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.Override} Override
             */
            Override.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.Override)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.Override: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.Override();
                if (object.id != null)
                    if ($Number(object.id) !== 0)
                        message.id = object.id >>> 0;
                if (object.level != null)
                    if ($Number(object.level) !== 0)
                        message.level = object.level >>> 0;
                if (object.expiresAt != null)
                    if ($Number(object.expiresAt) !== 0)
                        message.expiresAt = object.expiresAt >>> 0;
                if (object.fadeS != null)
                    if ($Number(object.fadeS) !== 0)
                        message.fadeS = object.fadeS >>> 0;
                return message;
            };

            /**
             * Creates a plain object from an Override message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.Override
             * @static
             * @param {streetlight.v1.Override} message Override
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Override.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.id = 0;
                    object.level = 0;
                    object.expiresAt = 0;
                    object.fadeS = 0;
                }
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    object.id = message.id;
                if (message.level != null && $Object.hasOwnProperty.call(message, "level"))
                    object.level = message.level;
                if (message.expiresAt != null && $Object.hasOwnProperty.call(message, "expiresAt"))
                    object.expiresAt = message.expiresAt;
                if (message.fadeS != null && $Object.hasOwnProperty.call(message, "fadeS"))
                    object.fadeS = message.fadeS;
                return object;
            };

            /**
             * Converts this Override to JSON.
             * @function toJSON
             * @memberof streetlight.v1.Override
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Override.prototype.toJSON = function() {
                return Override.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Override
             * @function getTypeUrl
             * @memberof streetlight.v1.Override
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Override.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.Override";
            };

            return Override;
        })();

        v1.Command = (function() {

            /**
             * Properties of a Command.
             * @typedef {Object} streetlight.v1.Command.$Properties
             * @property {streetlight.v1.Override.$Properties|null} [setOverride] Command setOverride
             * @property {number|null} [clearOverride] Command clearOverride
             * @property {boolean|null} [reboot] Command reboot
             * @property {boolean|null} [requestReport] Command requestReport
             * @property {streetlight.v1.PresenceAhead.$Properties|null} [presenceAhead] Command presenceAhead
             * @property {boolean|null} [readLuminaire] Command readLuminaire
             * @property {"setOverride"|"clearOverride"|"reboot"|"requestReport"|"presenceAhead"|"readLuminaire"} [action] Command action
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Command.
             * @memberof streetlight.v1
             * @interface ICommand
             * @augments streetlight.v1.Command.$Properties
             * @deprecated Use streetlight.v1.Command.$Properties instead.
             */

            /**
             * Narrowed shape of a Command.
             * @typedef {{
             *   setOverride?: streetlight.v1.Override.$Shape|null;
             *   clearOverride?: number|null;
             *   reboot?: boolean|null;
             *   requestReport?: boolean|null;
             *   presenceAhead?: streetlight.v1.PresenceAhead.$Shape|null;
             *   readLuminaire?: boolean|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ action?: undefined; setOverride?: null; clearOverride?: null; reboot?: null; requestReport?: null; presenceAhead?: null; readLuminaire?: null }|{ action?: "setOverride"; setOverride: streetlight.v1.Override.$Shape; clearOverride?: null; reboot?: null; requestReport?: null; presenceAhead?: null; readLuminaire?: null }|{ action?: "clearOverride"; setOverride?: null; clearOverride: number; reboot?: null; requestReport?: null; presenceAhead?: null; readLuminaire?: null }|{ action?: "reboot"; setOverride?: null; clearOverride?: null; reboot: boolean; requestReport?: null; presenceAhead?: null; readLuminaire?: null }|{ action?: "requestReport"; setOverride?: null; clearOverride?: null; reboot?: null; requestReport: boolean; presenceAhead?: null; readLuminaire?: null }|{ action?: "presenceAhead"; setOverride?: null; clearOverride?: null; reboot?: null; requestReport?: null; presenceAhead: streetlight.v1.PresenceAhead.$Shape; readLuminaire?: null }|{ action?: "readLuminaire"; setOverride?: null; clearOverride?: null; reboot?: null; requestReport?: null; presenceAhead?: null; readLuminaire: boolean })
             * )} streetlight.v1.Command.$Shape
             */

            /**
             * Constructs a new Command.
             * @memberof streetlight.v1
             * @classdesc Represents a Command.
             * @constructor
             * @param {streetlight.v1.Command.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Command = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Command setOverride.
             * @member {streetlight.v1.Override.$Properties|null|undefined} setOverride
             * @memberof streetlight.v1.Command
             * @instance
             */
            Command.prototype.setOverride = null;

            /**
             * Command clearOverride.
             * @member {number|null|undefined} clearOverride
             * @memberof streetlight.v1.Command
             * @instance
             */
            Command.prototype.clearOverride = null;

            /**
             * Command reboot.
             * @member {boolean|null|undefined} reboot
             * @memberof streetlight.v1.Command
             * @instance
             */
            Command.prototype.reboot = null;

            /**
             * Command requestReport.
             * @member {boolean|null|undefined} requestReport
             * @memberof streetlight.v1.Command
             * @instance
             */
            Command.prototype.requestReport = null;

            /**
             * Command presenceAhead.
             * @member {streetlight.v1.PresenceAhead.$Properties|null|undefined} presenceAhead
             * @memberof streetlight.v1.Command
             * @instance
             */
            Command.prototype.presenceAhead = null;

            /**
             * Command readLuminaire.
             * @member {boolean|null|undefined} readLuminaire
             * @memberof streetlight.v1.Command
             * @instance
             */
            Command.prototype.readLuminaire = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Command action.
             * @member {"setOverride"|"clearOverride"|"reboot"|"requestReport"|"presenceAhead"|"readLuminaire"|undefined} action
             * @memberof streetlight.v1.Command
             * @instance
             */
            $Object.defineProperty(Command.prototype, "action", {
                get: $util.oneOfGetter($oneOfFields = ["setOverride", "clearOverride", "reboot", "requestReport", "presenceAhead", "readLuminaire"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Command instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.Command
             * @static
             * @param {streetlight.v1.Command.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.Command} Command instance
             * @type {{
             *   (properties: streetlight.v1.Command.$Shape): streetlight.v1.Command & streetlight.v1.Command.$Shape;
             *   (properties?: streetlight.v1.Command.$Properties): streetlight.v1.Command;
             * }}
             */
            Command.create = function(properties) {
                return new Command(properties);
            };

            /**
             * Encodes the specified Command message. Does not implicitly {@link streetlight.v1.Command.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.Command
             * @static
             * @param {streetlight.v1.Command.$Properties} message Command message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Command.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.setOverride != null && $Object.hasOwnProperty.call(message, "setOverride"))
                    $root.streetlight.v1.Override.encode(message.setOverride, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.clearOverride != null && $Object.hasOwnProperty.call(message, "clearOverride"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.clearOverride);
                if (message.reboot != null && $Object.hasOwnProperty.call(message, "reboot"))
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.reboot);
                if (message.requestReport != null && $Object.hasOwnProperty.call(message, "requestReport"))
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.requestReport);
                if (message.presenceAhead != null && $Object.hasOwnProperty.call(message, "presenceAhead"))
                    $root.streetlight.v1.PresenceAhead.encode(message.presenceAhead, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.readLuminaire != null && $Object.hasOwnProperty.call(message, "readLuminaire"))
                    writer.uint32(/* id 6, wireType 0 =*/48).bool(message.readLuminaire);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Command message, length delimited. Does not implicitly {@link streetlight.v1.Command.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.Command
             * @static
             * @param {streetlight.v1.Command.$Properties} message Command message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Command.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Command message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.Command
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.Command & streetlight.v1.Command.$Shape} Command
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Command.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.Command();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.setOverride = $root.streetlight.v1.Override.decode(reader, reader.size(), $undefined, _depth + 1, message.setOverride);
                            message.action = "setOverride";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            message.clearOverride = reader.uint32();
                            message.action = "clearOverride";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            message.reboot = reader.bool();
                            message.action = "reboot";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            message.requestReport = reader.bool();
                            message.action = "requestReport";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.presenceAhead = $root.streetlight.v1.PresenceAhead.decode(reader, reader.size(), $undefined, _depth + 1, message.presenceAhead);
                            message.action = "presenceAhead";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            message.readLuminaire = reader.bool();
                            message.action = "readLuminaire";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Command message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.Command
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.Command & streetlight.v1.Command.$Shape} Command
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Command.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Command message.
             * @function verify
             * @memberof streetlight.v1.Command
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Command.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                let properties = {};
                if (message.setOverride != null && $Object.hasOwnProperty.call(message, "setOverride")) {
                    properties.action = 1;
                    {
                        let error = $root.streetlight.v1.Override.verify(message.setOverride, _depth + 1);
                        if (error)
                            return "setOverride." + error;
                    }
                }
                if (message.clearOverride != null && $Object.hasOwnProperty.call(message, "clearOverride")) {
                    if (properties.action === 1)
                        return "action: multiple values";
                    properties.action = 1;
                    if (!$util.isInteger(message.clearOverride))
                        return "clearOverride: integer expected";
                }
                if (message.reboot != null && $Object.hasOwnProperty.call(message, "reboot")) {
                    if (properties.action === 1)
                        return "action: multiple values";
                    properties.action = 1;
                    if (typeof message.reboot !== "boolean")
                        return "reboot: boolean expected";
                }
                if (message.requestReport != null && $Object.hasOwnProperty.call(message, "requestReport")) {
                    if (properties.action === 1)
                        return "action: multiple values";
                    properties.action = 1;
                    if (typeof message.requestReport !== "boolean")
                        return "requestReport: boolean expected";
                }
                if (message.presenceAhead != null && $Object.hasOwnProperty.call(message, "presenceAhead")) {
                    if (properties.action === 1)
                        return "action: multiple values";
                    properties.action = 1;
                    {
                        let error = $root.streetlight.v1.PresenceAhead.verify(message.presenceAhead, _depth + 1);
                        if (error)
                            return "presenceAhead." + error;
                    }
                }
                if (message.readLuminaire != null && $Object.hasOwnProperty.call(message, "readLuminaire")) {
                    if (properties.action === 1)
                        return "action: multiple values";
                    properties.action = 1;
                    if (typeof message.readLuminaire !== "boolean")
                        return "readLuminaire: boolean expected";
                }
                return null;
            };

            /**
             * Creates a Command message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.Command
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.Command} Command
             */
            Command.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.Command)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.Command: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.Command();
                if (object.setOverride != null) {
                    if (!$util.isObject(object.setOverride))
                        throw $TypeError(".streetlight.v1.Command.setOverride: object expected");
                    message.setOverride = $root.streetlight.v1.Override.fromObject(object.setOverride, _depth + 1);
                }
                if (object.clearOverride != null)
                    message.clearOverride = object.clearOverride >>> 0;
                if (object.reboot != null)
                    message.reboot = $Boolean(object.reboot);
                if (object.requestReport != null)
                    message.requestReport = $Boolean(object.requestReport);
                if (object.presenceAhead != null) {
                    if (!$util.isObject(object.presenceAhead))
                        throw $TypeError(".streetlight.v1.Command.presenceAhead: object expected");
                    message.presenceAhead = $root.streetlight.v1.PresenceAhead.fromObject(object.presenceAhead, _depth + 1);
                }
                if (object.readLuminaire != null)
                    message.readLuminaire = $Boolean(object.readLuminaire);
                return message;
            };

            /**
             * Creates a plain object from a Command message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.Command
             * @static
             * @param {streetlight.v1.Command} message Command
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Command.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (message.setOverride != null && $Object.hasOwnProperty.call(message, "setOverride")) {
                    object.setOverride = $root.streetlight.v1.Override.toObject(message.setOverride, options, _depth + 1);
                    if (options.oneofs)
                        object.action = "setOverride";
                }
                if (message.clearOverride != null && $Object.hasOwnProperty.call(message, "clearOverride")) {
                    object.clearOverride = message.clearOverride;
                    if (options.oneofs)
                        object.action = "clearOverride";
                }
                if (message.reboot != null && $Object.hasOwnProperty.call(message, "reboot")) {
                    object.reboot = message.reboot;
                    if (options.oneofs)
                        object.action = "reboot";
                }
                if (message.requestReport != null && $Object.hasOwnProperty.call(message, "requestReport")) {
                    object.requestReport = message.requestReport;
                    if (options.oneofs)
                        object.action = "requestReport";
                }
                if (message.presenceAhead != null && $Object.hasOwnProperty.call(message, "presenceAhead")) {
                    object.presenceAhead = $root.streetlight.v1.PresenceAhead.toObject(message.presenceAhead, options, _depth + 1);
                    if (options.oneofs)
                        object.action = "presenceAhead";
                }
                if (message.readLuminaire != null && $Object.hasOwnProperty.call(message, "readLuminaire")) {
                    object.readLuminaire = message.readLuminaire;
                    if (options.oneofs)
                        object.action = "readLuminaire";
                }
                return object;
            };

            /**
             * Converts this Command to JSON.
             * @function toJSON
             * @memberof streetlight.v1.Command
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Command.prototype.toJSON = function() {
                return Command.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Command
             * @function getTypeUrl
             * @memberof streetlight.v1.Command
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Command.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.Command";
            };

            return Command;
        })();

        v1.PresenceAhead = (function() {

            /**
             * Properties of a PresenceAhead.
             * @typedef {Object} streetlight.v1.PresenceAhead.$Properties
             * @property {number|null} [holdS] PresenceAhead holdS
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PresenceAhead.
             * @memberof streetlight.v1
             * @interface IPresenceAhead
             * @augments streetlight.v1.PresenceAhead.$Properties
             * @deprecated Use streetlight.v1.PresenceAhead.$Properties instead.
             */

            /**
             * Shape of a PresenceAhead.
             * @typedef {streetlight.v1.PresenceAhead.$Properties} streetlight.v1.PresenceAhead.$Shape
             */

            /**
             * Constructs a new PresenceAhead.
             * @memberof streetlight.v1
             * @classdesc Represents a PresenceAhead.
             * @constructor
             * @param {streetlight.v1.PresenceAhead.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PresenceAhead = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PresenceAhead holdS.
             * @member {number} holdS
             * @memberof streetlight.v1.PresenceAhead
             * @instance
             */
            PresenceAhead.prototype.holdS = 0;

            /**
             * Creates a new PresenceAhead instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.PresenceAhead
             * @static
             * @param {streetlight.v1.PresenceAhead.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.PresenceAhead} PresenceAhead instance
             * @type {{
             *   (properties: streetlight.v1.PresenceAhead.$Shape): streetlight.v1.PresenceAhead & streetlight.v1.PresenceAhead.$Shape;
             *   (properties?: streetlight.v1.PresenceAhead.$Properties): streetlight.v1.PresenceAhead;
             * }}
             */
            PresenceAhead.create = function(properties) {
                return new PresenceAhead(properties);
            };

            /**
             * Encodes the specified PresenceAhead message. Does not implicitly {@link streetlight.v1.PresenceAhead.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.PresenceAhead
             * @static
             * @param {streetlight.v1.PresenceAhead.$Properties} message PresenceAhead message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PresenceAhead.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.holdS != null && $Object.hasOwnProperty.call(message, "holdS") && message.holdS !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.holdS);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified PresenceAhead message, length delimited. Does not implicitly {@link streetlight.v1.PresenceAhead.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.PresenceAhead
             * @static
             * @param {streetlight.v1.PresenceAhead.$Properties} message PresenceAhead message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PresenceAhead.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PresenceAhead message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.PresenceAhead
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.PresenceAhead & streetlight.v1.PresenceAhead.$Shape} PresenceAhead
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PresenceAhead.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.PresenceAhead();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.holdS = value;
                            else
                                delete message.holdS;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a PresenceAhead message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.PresenceAhead
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.PresenceAhead & streetlight.v1.PresenceAhead.$Shape} PresenceAhead
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PresenceAhead.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PresenceAhead message.
             * @function verify
             * @memberof streetlight.v1.PresenceAhead
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PresenceAhead.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.holdS != null && $Object.hasOwnProperty.call(message, "holdS"))
                    if (!$util.isInteger(message.holdS))
                        return "holdS: integer expected";
                return null;
            };

            /**
             * Creates a PresenceAhead message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.PresenceAhead
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.PresenceAhead} PresenceAhead
             */
            PresenceAhead.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.PresenceAhead)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.PresenceAhead: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.PresenceAhead();
                if (object.holdS != null)
                    if ($Number(object.holdS) !== 0)
                        message.holdS = object.holdS >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a PresenceAhead message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.PresenceAhead
             * @static
             * @param {streetlight.v1.PresenceAhead} message PresenceAhead
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PresenceAhead.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.holdS = 0;
                if (message.holdS != null && $Object.hasOwnProperty.call(message, "holdS"))
                    object.holdS = message.holdS;
                return object;
            };

            /**
             * Converts this PresenceAhead to JSON.
             * @function toJSON
             * @memberof streetlight.v1.PresenceAhead
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PresenceAhead.prototype.toJSON = function() {
                return PresenceAhead.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PresenceAhead
             * @function getTypeUrl
             * @memberof streetlight.v1.PresenceAhead
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PresenceAhead.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.PresenceAhead";
            };

            return PresenceAhead;
        })();

        /**
         * ImageKind enum.
         * @name streetlight.v1.ImageKind
         * @enum {number}
         * @property {number} IMAGE_KIND_UNSPECIFIED=0 IMAGE_KIND_UNSPECIFIED value
         * @property {number} IMAGE_KIND_FULL=1 IMAGE_KIND_FULL value
         * @property {number} IMAGE_KIND_MOD=2 IMAGE_KIND_MOD value
         */
        v1.ImageKind = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "IMAGE_KIND_UNSPECIFIED"] = 0;
            values[valuesById[1] = "IMAGE_KIND_FULL"] = 1;
            values[valuesById[2] = "IMAGE_KIND_MOD"] = 2;
            return values;
        })();

        v1.OtaOffer = (function() {

            /**
             * Properties of an OtaOffer.
             * @typedef {Object} streetlight.v1.OtaOffer.$Properties
             * @property {number|null} [imageId] OtaOffer imageId
             * @property {string|null} [version] OtaOffer version
             * @property {streetlight.v1.ImageKind|null} [kind] OtaOffer kind
             * @property {number|null} [size] OtaOffer size
             * @property {Uint8Array|null} [sha256] OtaOffer sha256
             * @property {Uint8Array|null} [manifest] OtaOffer manifest
             * @property {Uint8Array|null} [signature] OtaOffer signature
             * @property {number|null} [keyId] OtaOffer keyId
             * @property {number|null} [chunkSize] OtaOffer chunkSize
             * @property {number|null} [windowStartMin] OtaOffer windowStartMin
             * @property {number|null} [windowEndMin] OtaOffer windowEndMin
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OtaOffer.
             * @memberof streetlight.v1
             * @interface IOtaOffer
             * @augments streetlight.v1.OtaOffer.$Properties
             * @deprecated Use streetlight.v1.OtaOffer.$Properties instead.
             */

            /**
             * Shape of an OtaOffer.
             * @typedef {streetlight.v1.OtaOffer.$Properties} streetlight.v1.OtaOffer.$Shape
             */

            /**
             * Constructs a new OtaOffer.
             * @memberof streetlight.v1
             * @classdesc Represents an OtaOffer.
             * @constructor
             * @param {streetlight.v1.OtaOffer.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OtaOffer = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OtaOffer imageId.
             * @member {number} imageId
             * @memberof streetlight.v1.OtaOffer
             * @instance
             */
            OtaOffer.prototype.imageId = 0;

            /**
             * OtaOffer version.
             * @member {string} version
             * @memberof streetlight.v1.OtaOffer
             * @instance
             */
            OtaOffer.prototype.version = "";

            /**
             * OtaOffer kind.
             * @member {streetlight.v1.ImageKind} kind
             * @memberof streetlight.v1.OtaOffer
             * @instance
             */
            OtaOffer.prototype.kind = 0;

            /**
             * OtaOffer size.
             * @member {number} size
             * @memberof streetlight.v1.OtaOffer
             * @instance
             */
            OtaOffer.prototype.size = 0;

            /**
             * OtaOffer sha256.
             * @member {Uint8Array} sha256
             * @memberof streetlight.v1.OtaOffer
             * @instance
             */
            OtaOffer.prototype.sha256 = $util.newBuffer([]);

            /**
             * OtaOffer manifest.
             * @member {Uint8Array} manifest
             * @memberof streetlight.v1.OtaOffer
             * @instance
             */
            OtaOffer.prototype.manifest = $util.newBuffer([]);

            /**
             * OtaOffer signature.
             * @member {Uint8Array} signature
             * @memberof streetlight.v1.OtaOffer
             * @instance
             */
            OtaOffer.prototype.signature = $util.newBuffer([]);

            /**
             * OtaOffer keyId.
             * @member {number} keyId
             * @memberof streetlight.v1.OtaOffer
             * @instance
             */
            OtaOffer.prototype.keyId = 0;

            /**
             * OtaOffer chunkSize.
             * @member {number} chunkSize
             * @memberof streetlight.v1.OtaOffer
             * @instance
             */
            OtaOffer.prototype.chunkSize = 0;

            /**
             * OtaOffer windowStartMin.
             * @member {number} windowStartMin
             * @memberof streetlight.v1.OtaOffer
             * @instance
             */
            OtaOffer.prototype.windowStartMin = 0;

            /**
             * OtaOffer windowEndMin.
             * @member {number} windowEndMin
             * @memberof streetlight.v1.OtaOffer
             * @instance
             */
            OtaOffer.prototype.windowEndMin = 0;

            /**
             * Creates a new OtaOffer instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.OtaOffer
             * @static
             * @param {streetlight.v1.OtaOffer.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.OtaOffer} OtaOffer instance
             * @type {{
             *   (properties: streetlight.v1.OtaOffer.$Shape): streetlight.v1.OtaOffer & streetlight.v1.OtaOffer.$Shape;
             *   (properties?: streetlight.v1.OtaOffer.$Properties): streetlight.v1.OtaOffer;
             * }}
             */
            OtaOffer.create = function(properties) {
                return new OtaOffer(properties);
            };

            /**
             * Encodes the specified OtaOffer message. Does not implicitly {@link streetlight.v1.OtaOffer.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.OtaOffer
             * @static
             * @param {streetlight.v1.OtaOffer.$Properties} message OtaOffer message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OtaOffer.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId") && message.imageId !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.imageId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.version);
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.kind);
                if (message.size != null && $Object.hasOwnProperty.call(message, "size") && message.size !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.size);
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.sha256);
                if (message.manifest != null && $Object.hasOwnProperty.call(message, "manifest") && message.manifest.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.manifest);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.signature);
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId") && message.keyId !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.keyId);
                if (message.chunkSize != null && $Object.hasOwnProperty.call(message, "chunkSize") && message.chunkSize !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.chunkSize);
                if (message.windowStartMin != null && $Object.hasOwnProperty.call(message, "windowStartMin") && message.windowStartMin !== 0)
                    writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.windowStartMin);
                if (message.windowEndMin != null && $Object.hasOwnProperty.call(message, "windowEndMin") && message.windowEndMin !== 0)
                    writer.uint32(/* id 11, wireType 0 =*/88).uint32(message.windowEndMin);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified OtaOffer message, length delimited. Does not implicitly {@link streetlight.v1.OtaOffer.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.OtaOffer
             * @static
             * @param {streetlight.v1.OtaOffer.$Properties} message OtaOffer message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OtaOffer.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an OtaOffer message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.OtaOffer
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.OtaOffer & streetlight.v1.OtaOffer.$Shape} OtaOffer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OtaOffer.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.OtaOffer();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.imageId = value;
                            else
                                delete message.imageId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.size = value;
                            else
                                delete message.size;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.sha256 = value;
                            else
                                delete message.sha256;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.manifest = value;
                            else
                                delete message.manifest;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.keyId = value;
                            else
                                delete message.keyId;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.chunkSize = value;
                            else
                                delete message.chunkSize;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.windowStartMin = value;
                            else
                                delete message.windowStartMin;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.windowEndMin = value;
                            else
                                delete message.windowEndMin;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an OtaOffer message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.OtaOffer
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.OtaOffer & streetlight.v1.OtaOffer.$Shape} OtaOffer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OtaOffer.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an OtaOffer message.
             * @function verify
             * @memberof streetlight.v1.OtaOffer
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            OtaOffer.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId"))
                    if (!$util.isInteger(message.imageId))
                        return "imageId: integer expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isString(message.version))
                        return "version: string expected";
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    if (typeof message.kind !== "number" || (message.kind | 0) !== message.kind)
                        return "kind: enum value expected";
                if (message.size != null && $Object.hasOwnProperty.call(message, "size"))
                    if (!$util.isInteger(message.size))
                        return "size: integer expected";
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    if (!(message.sha256 && typeof message.sha256.length === "number" || $util.isString(message.sha256)))
                        return "sha256: buffer expected";
                if (message.manifest != null && $Object.hasOwnProperty.call(message, "manifest"))
                    if (!(message.manifest && typeof message.manifest.length === "number" || $util.isString(message.manifest)))
                        return "manifest: buffer expected";
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    if (!(message.signature && typeof message.signature.length === "number" || $util.isString(message.signature)))
                        return "signature: buffer expected";
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId"))
                    if (!$util.isInteger(message.keyId))
                        return "keyId: integer expected";
                if (message.chunkSize != null && $Object.hasOwnProperty.call(message, "chunkSize"))
                    if (!$util.isInteger(message.chunkSize))
                        return "chunkSize: integer expected";
                if (message.windowStartMin != null && $Object.hasOwnProperty.call(message, "windowStartMin"))
                    if (!$util.isInteger(message.windowStartMin))
                        return "windowStartMin: integer expected";
                if (message.windowEndMin != null && $Object.hasOwnProperty.call(message, "windowEndMin"))
                    if (!$util.isInteger(message.windowEndMin))
                        return "windowEndMin: integer expected";
                return null;
            };

            /**
             * Creates an OtaOffer message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.OtaOffer
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.OtaOffer} OtaOffer
             */
            OtaOffer.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.OtaOffer)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.OtaOffer: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.OtaOffer();
                if (object.imageId != null)
                    if ($Number(object.imageId) !== 0)
                        message.imageId = object.imageId >>> 0;
                if (object.version != null)
                    if (typeof object.version !== "string" || object.version.length)
                        message.version = $String(object.version);
                if (object.kind !== 0 && (typeof object.kind !== "string" || $root.streetlight.v1.ImageKind[object.kind] !== 0))
                    switch (object.kind) {
                    case "IMAGE_KIND_UNSPECIFIED":
                    case 0:
                        message.kind = 0;
                        break;
                    case "IMAGE_KIND_FULL":
                    case 1:
                        message.kind = 1;
                        break;
                    case "IMAGE_KIND_MOD":
                    case 2:
                        message.kind = 2;
                        break;
                    default:
                        if (typeof object.kind === "number" && (object.kind | 0) === object.kind)
                            message.kind = object.kind;
                    }
                if (object.size != null)
                    if ($Number(object.size) !== 0)
                        message.size = object.size >>> 0;
                if (object.sha256 != null)
                    if (object.sha256.length)
                        if (typeof object.sha256 === "string")
                            $util.base64.decode(object.sha256, message.sha256 = $util.newBuffer($util.base64.length(object.sha256)), 0);
                        else if (object.sha256.length >= 0)
                            message.sha256 = object.sha256;
                if (object.manifest != null)
                    if (object.manifest.length)
                        if (typeof object.manifest === "string")
                            $util.base64.decode(object.manifest, message.manifest = $util.newBuffer($util.base64.length(object.manifest)), 0);
                        else if (object.manifest.length >= 0)
                            message.manifest = object.manifest;
                if (object.signature != null)
                    if (object.signature.length)
                        if (typeof object.signature === "string")
                            $util.base64.decode(object.signature, message.signature = $util.newBuffer($util.base64.length(object.signature)), 0);
                        else if (object.signature.length >= 0)
                            message.signature = object.signature;
                if (object.keyId != null)
                    if ($Number(object.keyId) !== 0)
                        message.keyId = object.keyId >>> 0;
                if (object.chunkSize != null)
                    if ($Number(object.chunkSize) !== 0)
                        message.chunkSize = object.chunkSize >>> 0;
                if (object.windowStartMin != null)
                    if ($Number(object.windowStartMin) !== 0)
                        message.windowStartMin = object.windowStartMin >>> 0;
                if (object.windowEndMin != null)
                    if ($Number(object.windowEndMin) !== 0)
                        message.windowEndMin = object.windowEndMin >>> 0;
                return message;
            };

            /**
             * Creates a plain object from an OtaOffer message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.OtaOffer
             * @static
             * @param {streetlight.v1.OtaOffer} message OtaOffer
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            OtaOffer.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.imageId = 0;
                    object.version = "";
                    object.kind = options.enums === $String ? "IMAGE_KIND_UNSPECIFIED" : 0;
                    object.size = 0;
                    if (options.bytes === $String)
                        object.sha256 = "";
                    else {
                        object.sha256 = [];
                        if (options.bytes !== $Array)
                            object.sha256 = $util.newBuffer(object.sha256);
                    }
                    if (options.bytes === $String)
                        object.manifest = "";
                    else {
                        object.manifest = [];
                        if (options.bytes !== $Array)
                            object.manifest = $util.newBuffer(object.manifest);
                    }
                    if (options.bytes === $String)
                        object.signature = "";
                    else {
                        object.signature = [];
                        if (options.bytes !== $Array)
                            object.signature = $util.newBuffer(object.signature);
                    }
                    object.keyId = 0;
                    object.chunkSize = 0;
                    object.windowStartMin = 0;
                    object.windowEndMin = 0;
                }
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId"))
                    object.imageId = message.imageId;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    object.kind = options.enums === $String ? $root.streetlight.v1.ImageKind[message.kind] === $undefined ? message.kind : $root.streetlight.v1.ImageKind[message.kind] : message.kind;
                if (message.size != null && $Object.hasOwnProperty.call(message, "size"))
                    object.size = message.size;
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    object.sha256 = options.bytes === $String ? $util.base64.encode(message.sha256, 0, message.sha256.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.sha256) : message.sha256;
                if (message.manifest != null && $Object.hasOwnProperty.call(message, "manifest"))
                    object.manifest = options.bytes === $String ? $util.base64.encode(message.manifest, 0, message.manifest.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.manifest) : message.manifest;
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    object.signature = options.bytes === $String ? $util.base64.encode(message.signature, 0, message.signature.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.signature) : message.signature;
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId"))
                    object.keyId = message.keyId;
                if (message.chunkSize != null && $Object.hasOwnProperty.call(message, "chunkSize"))
                    object.chunkSize = message.chunkSize;
                if (message.windowStartMin != null && $Object.hasOwnProperty.call(message, "windowStartMin"))
                    object.windowStartMin = message.windowStartMin;
                if (message.windowEndMin != null && $Object.hasOwnProperty.call(message, "windowEndMin"))
                    object.windowEndMin = message.windowEndMin;
                return object;
            };

            /**
             * Converts this OtaOffer to JSON.
             * @function toJSON
             * @memberof streetlight.v1.OtaOffer
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            OtaOffer.prototype.toJSON = function() {
                return OtaOffer.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for OtaOffer
             * @function getTypeUrl
             * @memberof streetlight.v1.OtaOffer
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            OtaOffer.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.OtaOffer";
            };

            return OtaOffer;
        })();

        v1.OtaChunk = (function() {

            /**
             * Properties of an OtaChunk.
             * @typedef {Object} streetlight.v1.OtaChunk.$Properties
             * @property {number|null} [imageId] OtaChunk imageId
             * @property {number|null} [offset] OtaChunk offset
             * @property {Uint8Array|null} [data] OtaChunk data
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OtaChunk.
             * @memberof streetlight.v1
             * @interface IOtaChunk
             * @augments streetlight.v1.OtaChunk.$Properties
             * @deprecated Use streetlight.v1.OtaChunk.$Properties instead.
             */

            /**
             * Shape of an OtaChunk.
             * @typedef {streetlight.v1.OtaChunk.$Properties} streetlight.v1.OtaChunk.$Shape
             */

            /**
             * Constructs a new OtaChunk.
             * @memberof streetlight.v1
             * @classdesc Represents an OtaChunk.
             * @constructor
             * @param {streetlight.v1.OtaChunk.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OtaChunk = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OtaChunk imageId.
             * @member {number} imageId
             * @memberof streetlight.v1.OtaChunk
             * @instance
             */
            OtaChunk.prototype.imageId = 0;

            /**
             * OtaChunk offset.
             * @member {number} offset
             * @memberof streetlight.v1.OtaChunk
             * @instance
             */
            OtaChunk.prototype.offset = 0;

            /**
             * OtaChunk data.
             * @member {Uint8Array} data
             * @memberof streetlight.v1.OtaChunk
             * @instance
             */
            OtaChunk.prototype.data = $util.newBuffer([]);

            /**
             * Creates a new OtaChunk instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.OtaChunk
             * @static
             * @param {streetlight.v1.OtaChunk.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.OtaChunk} OtaChunk instance
             * @type {{
             *   (properties: streetlight.v1.OtaChunk.$Shape): streetlight.v1.OtaChunk & streetlight.v1.OtaChunk.$Shape;
             *   (properties?: streetlight.v1.OtaChunk.$Properties): streetlight.v1.OtaChunk;
             * }}
             */
            OtaChunk.create = function(properties) {
                return new OtaChunk(properties);
            };

            /**
             * Encodes the specified OtaChunk message. Does not implicitly {@link streetlight.v1.OtaChunk.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.OtaChunk
             * @static
             * @param {streetlight.v1.OtaChunk.$Properties} message OtaChunk message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OtaChunk.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId") && message.imageId !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.imageId);
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset") && message.offset !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.offset);
                if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.data);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified OtaChunk message, length delimited. Does not implicitly {@link streetlight.v1.OtaChunk.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.OtaChunk
             * @static
             * @param {streetlight.v1.OtaChunk.$Properties} message OtaChunk message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OtaChunk.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an OtaChunk message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.OtaChunk
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.OtaChunk & streetlight.v1.OtaChunk.$Shape} OtaChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OtaChunk.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.OtaChunk();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.imageId = value;
                            else
                                delete message.imageId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.offset = value;
                            else
                                delete message.offset;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.data = value;
                            else
                                delete message.data;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an OtaChunk message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.OtaChunk
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.OtaChunk & streetlight.v1.OtaChunk.$Shape} OtaChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OtaChunk.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an OtaChunk message.
             * @function verify
             * @memberof streetlight.v1.OtaChunk
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            OtaChunk.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId"))
                    if (!$util.isInteger(message.imageId))
                        return "imageId: integer expected";
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset"))
                    if (!$util.isInteger(message.offset))
                        return "offset: integer expected";
                if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                    if (!(message.data && typeof message.data.length === "number" || $util.isString(message.data)))
                        return "data: buffer expected";
                return null;
            };

            /**
             * Creates an OtaChunk message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.OtaChunk
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.OtaChunk} OtaChunk
             */
            OtaChunk.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.OtaChunk)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.OtaChunk: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.OtaChunk();
                if (object.imageId != null)
                    if ($Number(object.imageId) !== 0)
                        message.imageId = object.imageId >>> 0;
                if (object.offset != null)
                    if ($Number(object.offset) !== 0)
                        message.offset = object.offset >>> 0;
                if (object.data != null)
                    if (object.data.length)
                        if (typeof object.data === "string")
                            $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                        else if (object.data.length >= 0)
                            message.data = object.data;
                return message;
            };

            /**
             * Creates a plain object from an OtaChunk message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.OtaChunk
             * @static
             * @param {streetlight.v1.OtaChunk} message OtaChunk
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            OtaChunk.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.imageId = 0;
                    object.offset = 0;
                    if (options.bytes === $String)
                        object.data = "";
                    else {
                        object.data = [];
                        if (options.bytes !== $Array)
                            object.data = $util.newBuffer(object.data);
                    }
                }
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId"))
                    object.imageId = message.imageId;
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset"))
                    object.offset = message.offset;
                if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                    object.data = options.bytes === $String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.data) : message.data;
                return object;
            };

            /**
             * Converts this OtaChunk to JSON.
             * @function toJSON
             * @memberof streetlight.v1.OtaChunk
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            OtaChunk.prototype.toJSON = function() {
                return OtaChunk.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for OtaChunk
             * @function getTypeUrl
             * @memberof streetlight.v1.OtaChunk
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            OtaChunk.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.OtaChunk";
            };

            return OtaChunk;
        })();

        v1.EnergyAck = (function() {

            /**
             * Properties of an EnergyAck.
             * @typedef {Object} streetlight.v1.EnergyAck.$Properties
             * @property {number|null} [ackedSeq] EnergyAck ackedSeq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EnergyAck.
             * @memberof streetlight.v1
             * @interface IEnergyAck
             * @augments streetlight.v1.EnergyAck.$Properties
             * @deprecated Use streetlight.v1.EnergyAck.$Properties instead.
             */

            /**
             * Shape of an EnergyAck.
             * @typedef {streetlight.v1.EnergyAck.$Properties} streetlight.v1.EnergyAck.$Shape
             */

            /**
             * Constructs a new EnergyAck.
             * @memberof streetlight.v1
             * @classdesc Represents an EnergyAck.
             * @constructor
             * @param {streetlight.v1.EnergyAck.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EnergyAck = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * EnergyAck ackedSeq.
             * @member {number} ackedSeq
             * @memberof streetlight.v1.EnergyAck
             * @instance
             */
            EnergyAck.prototype.ackedSeq = 0;

            /**
             * Creates a new EnergyAck instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.EnergyAck
             * @static
             * @param {streetlight.v1.EnergyAck.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.EnergyAck} EnergyAck instance
             * @type {{
             *   (properties: streetlight.v1.EnergyAck.$Shape): streetlight.v1.EnergyAck & streetlight.v1.EnergyAck.$Shape;
             *   (properties?: streetlight.v1.EnergyAck.$Properties): streetlight.v1.EnergyAck;
             * }}
             */
            EnergyAck.create = function(properties) {
                return new EnergyAck(properties);
            };

            /**
             * Encodes the specified EnergyAck message. Does not implicitly {@link streetlight.v1.EnergyAck.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.EnergyAck
             * @static
             * @param {streetlight.v1.EnergyAck.$Properties} message EnergyAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EnergyAck.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.ackedSeq != null && $Object.hasOwnProperty.call(message, "ackedSeq") && message.ackedSeq !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.ackedSeq);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified EnergyAck message, length delimited. Does not implicitly {@link streetlight.v1.EnergyAck.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.EnergyAck
             * @static
             * @param {streetlight.v1.EnergyAck.$Properties} message EnergyAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EnergyAck.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an EnergyAck message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.EnergyAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.EnergyAck & streetlight.v1.EnergyAck.$Shape} EnergyAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EnergyAck.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.EnergyAck();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.ackedSeq = value;
                            else
                                delete message.ackedSeq;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an EnergyAck message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.EnergyAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.EnergyAck & streetlight.v1.EnergyAck.$Shape} EnergyAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EnergyAck.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an EnergyAck message.
             * @function verify
             * @memberof streetlight.v1.EnergyAck
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EnergyAck.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.ackedSeq != null && $Object.hasOwnProperty.call(message, "ackedSeq"))
                    if (!$util.isInteger(message.ackedSeq))
                        return "ackedSeq: integer expected";
                return null;
            };

            /**
             * Creates an EnergyAck message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.EnergyAck
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.EnergyAck} EnergyAck
             */
            EnergyAck.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.EnergyAck)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.EnergyAck: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.EnergyAck();
                if (object.ackedSeq != null)
                    if ($Number(object.ackedSeq) !== 0)
                        message.ackedSeq = object.ackedSeq >>> 0;
                return message;
            };

            /**
             * Creates a plain object from an EnergyAck message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.EnergyAck
             * @static
             * @param {streetlight.v1.EnergyAck} message EnergyAck
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EnergyAck.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.ackedSeq = 0;
                if (message.ackedSeq != null && $Object.hasOwnProperty.call(message, "ackedSeq"))
                    object.ackedSeq = message.ackedSeq;
                return object;
            };

            /**
             * Converts this EnergyAck to JSON.
             * @function toJSON
             * @memberof streetlight.v1.EnergyAck
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EnergyAck.prototype.toJSON = function() {
                return EnergyAck.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EnergyAck
             * @function getTypeUrl
             * @memberof streetlight.v1.EnergyAck
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EnergyAck.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.EnergyAck";
            };

            return EnergyAck;
        })();

        v1.TimeSync = (function() {

            /**
             * Properties of a TimeSync.
             * @typedef {Object} streetlight.v1.TimeSync.$Properties
             * @property {number|null} [uplinkSeq] TimeSync uplinkSeq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TimeSync.
             * @memberof streetlight.v1
             * @interface ITimeSync
             * @augments streetlight.v1.TimeSync.$Properties
             * @deprecated Use streetlight.v1.TimeSync.$Properties instead.
             */

            /**
             * Shape of a TimeSync.
             * @typedef {streetlight.v1.TimeSync.$Properties} streetlight.v1.TimeSync.$Shape
             */

            /**
             * Constructs a new TimeSync.
             * @memberof streetlight.v1
             * @classdesc Represents a TimeSync.
             * @constructor
             * @param {streetlight.v1.TimeSync.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TimeSync = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * TimeSync uplinkSeq.
             * @member {number} uplinkSeq
             * @memberof streetlight.v1.TimeSync
             * @instance
             */
            TimeSync.prototype.uplinkSeq = 0;

            /**
             * Creates a new TimeSync instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.TimeSync
             * @static
             * @param {streetlight.v1.TimeSync.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.TimeSync} TimeSync instance
             * @type {{
             *   (properties: streetlight.v1.TimeSync.$Shape): streetlight.v1.TimeSync & streetlight.v1.TimeSync.$Shape;
             *   (properties?: streetlight.v1.TimeSync.$Properties): streetlight.v1.TimeSync;
             * }}
             */
            TimeSync.create = function(properties) {
                return new TimeSync(properties);
            };

            /**
             * Encodes the specified TimeSync message. Does not implicitly {@link streetlight.v1.TimeSync.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.TimeSync
             * @static
             * @param {streetlight.v1.TimeSync.$Properties} message TimeSync message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TimeSync.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.uplinkSeq != null && $Object.hasOwnProperty.call(message, "uplinkSeq") && message.uplinkSeq !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.uplinkSeq);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified TimeSync message, length delimited. Does not implicitly {@link streetlight.v1.TimeSync.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.TimeSync
             * @static
             * @param {streetlight.v1.TimeSync.$Properties} message TimeSync message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TimeSync.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a TimeSync message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.TimeSync
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.TimeSync & streetlight.v1.TimeSync.$Shape} TimeSync
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TimeSync.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.TimeSync();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.uplinkSeq = value;
                            else
                                delete message.uplinkSeq;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a TimeSync message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.TimeSync
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.TimeSync & streetlight.v1.TimeSync.$Shape} TimeSync
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TimeSync.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a TimeSync message.
             * @function verify
             * @memberof streetlight.v1.TimeSync
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TimeSync.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.uplinkSeq != null && $Object.hasOwnProperty.call(message, "uplinkSeq"))
                    if (!$util.isInteger(message.uplinkSeq))
                        return "uplinkSeq: integer expected";
                return null;
            };

            /**
             * Creates a TimeSync message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.TimeSync
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.TimeSync} TimeSync
             */
            TimeSync.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.TimeSync)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.TimeSync: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.TimeSync();
                if (object.uplinkSeq != null)
                    if ($Number(object.uplinkSeq) !== 0)
                        message.uplinkSeq = object.uplinkSeq >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a TimeSync message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.TimeSync
             * @static
             * @param {streetlight.v1.TimeSync} message TimeSync
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TimeSync.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.uplinkSeq = 0;
                if (message.uplinkSeq != null && $Object.hasOwnProperty.call(message, "uplinkSeq"))
                    object.uplinkSeq = message.uplinkSeq;
                return object;
            };

            /**
             * Converts this TimeSync to JSON.
             * @function toJSON
             * @memberof streetlight.v1.TimeSync
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TimeSync.prototype.toJSON = function() {
                return TimeSync.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TimeSync
             * @function getTypeUrl
             * @memberof streetlight.v1.TimeSync
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TimeSync.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.TimeSync";
            };

            return TimeSync;
        })();

        v1.Presence = (function() {

            /**
             * Properties of a Presence.
             * @typedef {Object} streetlight.v1.Presence.$Properties
             * @property {boolean|null} [online] Presence online
             * @property {number|null} [bootCount] Presence bootCount
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Presence.
             * @memberof streetlight.v1
             * @interface IPresence
             * @augments streetlight.v1.Presence.$Properties
             * @deprecated Use streetlight.v1.Presence.$Properties instead.
             */

            /**
             * Shape of a Presence.
             * @typedef {streetlight.v1.Presence.$Properties} streetlight.v1.Presence.$Shape
             */

            /**
             * Constructs a new Presence.
             * @memberof streetlight.v1
             * @classdesc Represents a Presence.
             * @constructor
             * @param {streetlight.v1.Presence.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Presence = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Presence online.
             * @member {boolean} online
             * @memberof streetlight.v1.Presence
             * @instance
             */
            Presence.prototype.online = false;

            /**
             * Presence bootCount.
             * @member {number} bootCount
             * @memberof streetlight.v1.Presence
             * @instance
             */
            Presence.prototype.bootCount = 0;

            /**
             * Creates a new Presence instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.Presence
             * @static
             * @param {streetlight.v1.Presence.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.Presence} Presence instance
             * @type {{
             *   (properties: streetlight.v1.Presence.$Shape): streetlight.v1.Presence & streetlight.v1.Presence.$Shape;
             *   (properties?: streetlight.v1.Presence.$Properties): streetlight.v1.Presence;
             * }}
             */
            Presence.create = function(properties) {
                return new Presence(properties);
            };

            /**
             * Encodes the specified Presence message. Does not implicitly {@link streetlight.v1.Presence.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.Presence
             * @static
             * @param {streetlight.v1.Presence.$Properties} message Presence message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Presence.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.online != null && $Object.hasOwnProperty.call(message, "online") && message.online !== false)
                    writer.uint32(/* id 1, wireType 0 =*/8).bool(message.online);
                if (message.bootCount != null && $Object.hasOwnProperty.call(message, "bootCount") && message.bootCount !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.bootCount);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Presence message, length delimited. Does not implicitly {@link streetlight.v1.Presence.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.Presence
             * @static
             * @param {streetlight.v1.Presence.$Properties} message Presence message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Presence.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Presence message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.Presence
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.Presence & streetlight.v1.Presence.$Shape} Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Presence.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.Presence();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.online = value;
                            else
                                delete message.online;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.bootCount = value;
                            else
                                delete message.bootCount;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Presence message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.Presence
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.Presence & streetlight.v1.Presence.$Shape} Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Presence.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Presence message.
             * @function verify
             * @memberof streetlight.v1.Presence
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Presence.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.online != null && $Object.hasOwnProperty.call(message, "online"))
                    if (typeof message.online !== "boolean")
                        return "online: boolean expected";
                if (message.bootCount != null && $Object.hasOwnProperty.call(message, "bootCount"))
                    if (!$util.isInteger(message.bootCount))
                        return "bootCount: integer expected";
                return null;
            };

            /**
             * Creates a Presence message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.Presence
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.Presence} Presence
             */
            Presence.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.Presence)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.Presence: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.Presence();
                if (object.online != null)
                    if (object.online)
                        message.online = $Boolean(object.online);
                if (object.bootCount != null)
                    if ($Number(object.bootCount) !== 0)
                        message.bootCount = object.bootCount >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a Presence message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.Presence
             * @static
             * @param {streetlight.v1.Presence} message Presence
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Presence.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.online = false;
                    object.bootCount = 0;
                }
                if (message.online != null && $Object.hasOwnProperty.call(message, "online"))
                    object.online = message.online;
                if (message.bootCount != null && $Object.hasOwnProperty.call(message, "bootCount"))
                    object.bootCount = message.bootCount;
                return object;
            };

            /**
             * Converts this Presence to JSON.
             * @function toJSON
             * @memberof streetlight.v1.Presence
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Presence.prototype.toJSON = function() {
                return Presence.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Presence
             * @function getTypeUrl
             * @memberof streetlight.v1.Presence
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Presence.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.Presence";
            };

            return Presence;
        })();

        v1.ImageManifest = (function() {

            /**
             * Properties of an ImageManifest.
             * @typedef {Object} streetlight.v1.ImageManifest.$Properties
             * @property {number|null} [format] ImageManifest format
             * @property {number|null} [imageId] ImageManifest imageId
             * @property {string|null} [version] ImageManifest version
             * @property {streetlight.v1.ImageKind|null} [kind] ImageManifest kind
             * @property {number|null} [size] ImageManifest size
             * @property {Uint8Array|null} [sha256] ImageManifest sha256
             * @property {Array.<string>|null} [hardwareModels] ImageManifest hardwareModels
             * @property {string|null} [minVersion] ImageManifest minVersion
             * @property {number|null} [createdAt] ImageManifest createdAt
             * @property {number|null} [keyId] ImageManifest keyId
             * @property {string|null} [requiresHost] ImageManifest requiresHost
             * @property {Array.<string>|null} [tenants] ImageManifest tenants
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an ImageManifest.
             * @memberof streetlight.v1
             * @interface IImageManifest
             * @augments streetlight.v1.ImageManifest.$Properties
             * @deprecated Use streetlight.v1.ImageManifest.$Properties instead.
             */

            /**
             * Shape of an ImageManifest.
             * @typedef {streetlight.v1.ImageManifest.$Properties} streetlight.v1.ImageManifest.$Shape
             */

            /**
             * Constructs a new ImageManifest.
             * @memberof streetlight.v1
             * @classdesc Represents an ImageManifest.
             * @constructor
             * @param {streetlight.v1.ImageManifest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ImageManifest = function (properties) {
                this.hardwareModels = [];
                this.tenants = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ImageManifest format.
             * @member {number} format
             * @memberof streetlight.v1.ImageManifest
             * @instance
             */
            ImageManifest.prototype.format = 0;

            /**
             * ImageManifest imageId.
             * @member {number} imageId
             * @memberof streetlight.v1.ImageManifest
             * @instance
             */
            ImageManifest.prototype.imageId = 0;

            /**
             * ImageManifest version.
             * @member {string} version
             * @memberof streetlight.v1.ImageManifest
             * @instance
             */
            ImageManifest.prototype.version = "";

            /**
             * ImageManifest kind.
             * @member {streetlight.v1.ImageKind} kind
             * @memberof streetlight.v1.ImageManifest
             * @instance
             */
            ImageManifest.prototype.kind = 0;

            /**
             * ImageManifest size.
             * @member {number} size
             * @memberof streetlight.v1.ImageManifest
             * @instance
             */
            ImageManifest.prototype.size = 0;

            /**
             * ImageManifest sha256.
             * @member {Uint8Array} sha256
             * @memberof streetlight.v1.ImageManifest
             * @instance
             */
            ImageManifest.prototype.sha256 = $util.newBuffer([]);

            /**
             * ImageManifest hardwareModels.
             * @member {Array.<string>} hardwareModels
             * @memberof streetlight.v1.ImageManifest
             * @instance
             */
            ImageManifest.prototype.hardwareModels = $util.emptyArray;

            /**
             * ImageManifest minVersion.
             * @member {string} minVersion
             * @memberof streetlight.v1.ImageManifest
             * @instance
             */
            ImageManifest.prototype.minVersion = "";

            /**
             * ImageManifest createdAt.
             * @member {number} createdAt
             * @memberof streetlight.v1.ImageManifest
             * @instance
             */
            ImageManifest.prototype.createdAt = 0;

            /**
             * ImageManifest keyId.
             * @member {number} keyId
             * @memberof streetlight.v1.ImageManifest
             * @instance
             */
            ImageManifest.prototype.keyId = 0;

            /**
             * ImageManifest requiresHost.
             * @member {string} requiresHost
             * @memberof streetlight.v1.ImageManifest
             * @instance
             */
            ImageManifest.prototype.requiresHost = "";

            /**
             * ImageManifest tenants.
             * @member {Array.<string>} tenants
             * @memberof streetlight.v1.ImageManifest
             * @instance
             */
            ImageManifest.prototype.tenants = $util.emptyArray;

            /**
             * Creates a new ImageManifest instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.ImageManifest
             * @static
             * @param {streetlight.v1.ImageManifest.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.ImageManifest} ImageManifest instance
             * @type {{
             *   (properties: streetlight.v1.ImageManifest.$Shape): streetlight.v1.ImageManifest & streetlight.v1.ImageManifest.$Shape;
             *   (properties?: streetlight.v1.ImageManifest.$Properties): streetlight.v1.ImageManifest;
             * }}
             */
            ImageManifest.create = function(properties) {
                return new ImageManifest(properties);
            };

            /**
             * Encodes the specified ImageManifest message. Does not implicitly {@link streetlight.v1.ImageManifest.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.ImageManifest
             * @static
             * @param {streetlight.v1.ImageManifest.$Properties} message ImageManifest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ImageManifest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.format != null && $Object.hasOwnProperty.call(message, "format") && message.format !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.format);
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId") && message.imageId !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.imageId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.version);
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.kind);
                if (message.size != null && $Object.hasOwnProperty.call(message, "size") && message.size !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.size);
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.sha256);
                if (message.hardwareModels != null && message.hardwareModels.length)
                    for (let i = 0; i < message.hardwareModels.length; ++i)
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.hardwareModels[i]);
                if (message.minVersion != null && $Object.hasOwnProperty.call(message, "minVersion") && message.minVersion !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.minVersion);
                if (message.createdAt != null && $Object.hasOwnProperty.call(message, "createdAt") && message.createdAt !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.createdAt);
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId") && message.keyId !== 0)
                    writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.keyId);
                if (message.requiresHost != null && $Object.hasOwnProperty.call(message, "requiresHost") && message.requiresHost !== "")
                    writer.uint32(/* id 11, wireType 2 =*/90).string(message.requiresHost);
                if (message.tenants != null && message.tenants.length)
                    for (let i = 0; i < message.tenants.length; ++i)
                        writer.uint32(/* id 12, wireType 2 =*/98).string(message.tenants[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified ImageManifest message, length delimited. Does not implicitly {@link streetlight.v1.ImageManifest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.ImageManifest
             * @static
             * @param {streetlight.v1.ImageManifest.$Properties} message ImageManifest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ImageManifest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an ImageManifest message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.ImageManifest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.ImageManifest & streetlight.v1.ImageManifest.$Shape} ImageManifest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ImageManifest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.ImageManifest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.format = value;
                            else
                                delete message.format;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.imageId = value;
                            else
                                delete message.imageId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.size = value;
                            else
                                delete message.size;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.sha256 = value;
                            else
                                delete message.sha256;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if (!(message.hardwareModels && message.hardwareModels.length))
                                message.hardwareModels = [];
                            message.hardwareModels.push(reader.stringVerify());
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.minVersion = value;
                            else
                                delete message.minVersion;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.createdAt = value;
                            else
                                delete message.createdAt;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.keyId = value;
                            else
                                delete message.keyId;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requiresHost = value;
                            else
                                delete message.requiresHost;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            if (!(message.tenants && message.tenants.length))
                                message.tenants = [];
                            message.tenants.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an ImageManifest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.ImageManifest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.ImageManifest & streetlight.v1.ImageManifest.$Shape} ImageManifest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ImageManifest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an ImageManifest message.
             * @function verify
             * @memberof streetlight.v1.ImageManifest
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ImageManifest.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.format != null && $Object.hasOwnProperty.call(message, "format"))
                    if (!$util.isInteger(message.format))
                        return "format: integer expected";
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId"))
                    if (!$util.isInteger(message.imageId))
                        return "imageId: integer expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isString(message.version))
                        return "version: string expected";
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    if (typeof message.kind !== "number" || (message.kind | 0) !== message.kind)
                        return "kind: enum value expected";
                if (message.size != null && $Object.hasOwnProperty.call(message, "size"))
                    if (!$util.isInteger(message.size))
                        return "size: integer expected";
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    if (!(message.sha256 && typeof message.sha256.length === "number" || $util.isString(message.sha256)))
                        return "sha256: buffer expected";
                if (message.hardwareModels != null && $Object.hasOwnProperty.call(message, "hardwareModels")) {
                    if (!$Array.isArray(message.hardwareModels))
                        return "hardwareModels: array expected";
                    for (let i = 0; i < message.hardwareModels.length; ++i)
                        if (!$util.isString(message.hardwareModels[i]))
                            return "hardwareModels: string[] expected";
                }
                if (message.minVersion != null && $Object.hasOwnProperty.call(message, "minVersion"))
                    if (!$util.isString(message.minVersion))
                        return "minVersion: string expected";
                if (message.createdAt != null && $Object.hasOwnProperty.call(message, "createdAt"))
                    if (!$util.isInteger(message.createdAt))
                        return "createdAt: integer expected";
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId"))
                    if (!$util.isInteger(message.keyId))
                        return "keyId: integer expected";
                if (message.requiresHost != null && $Object.hasOwnProperty.call(message, "requiresHost"))
                    if (!$util.isString(message.requiresHost))
                        return "requiresHost: string expected";
                if (message.tenants != null && $Object.hasOwnProperty.call(message, "tenants")) {
                    if (!$Array.isArray(message.tenants))
                        return "tenants: array expected";
                    for (let i = 0; i < message.tenants.length; ++i)
                        if (!$util.isString(message.tenants[i]))
                            return "tenants: string[] expected";
                }
                return null;
            };

            /**
             * Creates an ImageManifest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.ImageManifest
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.ImageManifest} ImageManifest
             */
            ImageManifest.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.ImageManifest)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.ImageManifest: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.ImageManifest();
                if (object.format != null)
                    if ($Number(object.format) !== 0)
                        message.format = object.format >>> 0;
                if (object.imageId != null)
                    if ($Number(object.imageId) !== 0)
                        message.imageId = object.imageId >>> 0;
                if (object.version != null)
                    if (typeof object.version !== "string" || object.version.length)
                        message.version = $String(object.version);
                if (object.kind !== 0 && (typeof object.kind !== "string" || $root.streetlight.v1.ImageKind[object.kind] !== 0))
                    switch (object.kind) {
                    case "IMAGE_KIND_UNSPECIFIED":
                    case 0:
                        message.kind = 0;
                        break;
                    case "IMAGE_KIND_FULL":
                    case 1:
                        message.kind = 1;
                        break;
                    case "IMAGE_KIND_MOD":
                    case 2:
                        message.kind = 2;
                        break;
                    default:
                        if (typeof object.kind === "number" && (object.kind | 0) === object.kind)
                            message.kind = object.kind;
                    }
                if (object.size != null)
                    if ($Number(object.size) !== 0)
                        message.size = object.size >>> 0;
                if (object.sha256 != null)
                    if (object.sha256.length)
                        if (typeof object.sha256 === "string")
                            $util.base64.decode(object.sha256, message.sha256 = $util.newBuffer($util.base64.length(object.sha256)), 0);
                        else if (object.sha256.length >= 0)
                            message.sha256 = object.sha256;
                if (object.hardwareModels) {
                    if (!$Array.isArray(object.hardwareModels))
                        throw $TypeError(".streetlight.v1.ImageManifest.hardwareModels: array expected");
                    message.hardwareModels = $Array(object.hardwareModels.length);
                    for (let i = 0; i < object.hardwareModels.length; ++i)
                        message.hardwareModels[i] = $String(object.hardwareModels[i]);
                }
                if (object.minVersion != null)
                    if (typeof object.minVersion !== "string" || object.minVersion.length)
                        message.minVersion = $String(object.minVersion);
                if (object.createdAt != null)
                    if ($Number(object.createdAt) !== 0)
                        message.createdAt = object.createdAt >>> 0;
                if (object.keyId != null)
                    if ($Number(object.keyId) !== 0)
                        message.keyId = object.keyId >>> 0;
                if (object.requiresHost != null)
                    if (typeof object.requiresHost !== "string" || object.requiresHost.length)
                        message.requiresHost = $String(object.requiresHost);
                if (object.tenants) {
                    if (!$Array.isArray(object.tenants))
                        throw $TypeError(".streetlight.v1.ImageManifest.tenants: array expected");
                    message.tenants = $Array(object.tenants.length);
                    for (let i = 0; i < object.tenants.length; ++i)
                        message.tenants[i] = $String(object.tenants[i]);
                }
                return message;
            };

            /**
             * Creates a plain object from an ImageManifest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.ImageManifest
             * @static
             * @param {streetlight.v1.ImageManifest} message ImageManifest
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ImageManifest.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.hardwareModels = [];
                    object.tenants = [];
                }
                if (options.defaults) {
                    object.format = 0;
                    object.imageId = 0;
                    object.version = "";
                    object.kind = options.enums === $String ? "IMAGE_KIND_UNSPECIFIED" : 0;
                    object.size = 0;
                    if (options.bytes === $String)
                        object.sha256 = "";
                    else {
                        object.sha256 = [];
                        if (options.bytes !== $Array)
                            object.sha256 = $util.newBuffer(object.sha256);
                    }
                    object.minVersion = "";
                    object.createdAt = 0;
                    object.keyId = 0;
                    object.requiresHost = "";
                }
                if (message.format != null && $Object.hasOwnProperty.call(message, "format"))
                    object.format = message.format;
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId"))
                    object.imageId = message.imageId;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    object.kind = options.enums === $String ? $root.streetlight.v1.ImageKind[message.kind] === $undefined ? message.kind : $root.streetlight.v1.ImageKind[message.kind] : message.kind;
                if (message.size != null && $Object.hasOwnProperty.call(message, "size"))
                    object.size = message.size;
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    object.sha256 = options.bytes === $String ? $util.base64.encode(message.sha256, 0, message.sha256.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.sha256) : message.sha256;
                if (message.hardwareModels && message.hardwareModels.length) {
                    object.hardwareModels = $Array(message.hardwareModels.length);
                    for (let j = 0; j < message.hardwareModels.length; ++j)
                        object.hardwareModels[j] = message.hardwareModels[j];
                }
                if (message.minVersion != null && $Object.hasOwnProperty.call(message, "minVersion"))
                    object.minVersion = message.minVersion;
                if (message.createdAt != null && $Object.hasOwnProperty.call(message, "createdAt"))
                    object.createdAt = message.createdAt;
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId"))
                    object.keyId = message.keyId;
                if (message.requiresHost != null && $Object.hasOwnProperty.call(message, "requiresHost"))
                    object.requiresHost = message.requiresHost;
                if (message.tenants && message.tenants.length) {
                    object.tenants = $Array(message.tenants.length);
                    for (let j = 0; j < message.tenants.length; ++j)
                        object.tenants[j] = message.tenants[j];
                }
                return object;
            };

            /**
             * Converts this ImageManifest to JSON.
             * @function toJSON
             * @memberof streetlight.v1.ImageManifest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ImageManifest.prototype.toJSON = function() {
                return ImageManifest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ImageManifest
             * @function getTypeUrl
             * @memberof streetlight.v1.ImageManifest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ImageManifest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.ImageManifest";
            };

            return ImageManifest;
        })();

        v1.OtaTrustKey = (function() {

            /**
             * Properties of an OtaTrustKey.
             * @typedef {Object} streetlight.v1.OtaTrustKey.$Properties
             * @property {number|null} [keyId] OtaTrustKey keyId
             * @property {Uint8Array|null} [publicKey] OtaTrustKey publicKey
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OtaTrustKey.
             * @memberof streetlight.v1
             * @interface IOtaTrustKey
             * @augments streetlight.v1.OtaTrustKey.$Properties
             * @deprecated Use streetlight.v1.OtaTrustKey.$Properties instead.
             */

            /**
             * Shape of an OtaTrustKey.
             * @typedef {streetlight.v1.OtaTrustKey.$Properties} streetlight.v1.OtaTrustKey.$Shape
             */

            /**
             * Constructs a new OtaTrustKey.
             * @memberof streetlight.v1
             * @classdesc Represents an OtaTrustKey.
             * @constructor
             * @param {streetlight.v1.OtaTrustKey.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OtaTrustKey = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OtaTrustKey keyId.
             * @member {number} keyId
             * @memberof streetlight.v1.OtaTrustKey
             * @instance
             */
            OtaTrustKey.prototype.keyId = 0;

            /**
             * OtaTrustKey publicKey.
             * @member {Uint8Array} publicKey
             * @memberof streetlight.v1.OtaTrustKey
             * @instance
             */
            OtaTrustKey.prototype.publicKey = $util.newBuffer([]);

            /**
             * Creates a new OtaTrustKey instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.OtaTrustKey
             * @static
             * @param {streetlight.v1.OtaTrustKey.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.OtaTrustKey} OtaTrustKey instance
             * @type {{
             *   (properties: streetlight.v1.OtaTrustKey.$Shape): streetlight.v1.OtaTrustKey & streetlight.v1.OtaTrustKey.$Shape;
             *   (properties?: streetlight.v1.OtaTrustKey.$Properties): streetlight.v1.OtaTrustKey;
             * }}
             */
            OtaTrustKey.create = function(properties) {
                return new OtaTrustKey(properties);
            };

            /**
             * Encodes the specified OtaTrustKey message. Does not implicitly {@link streetlight.v1.OtaTrustKey.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.OtaTrustKey
             * @static
             * @param {streetlight.v1.OtaTrustKey.$Properties} message OtaTrustKey message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OtaTrustKey.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId") && message.keyId !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.keyId);
                if (message.publicKey != null && $Object.hasOwnProperty.call(message, "publicKey") && message.publicKey.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.publicKey);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified OtaTrustKey message, length delimited. Does not implicitly {@link streetlight.v1.OtaTrustKey.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.OtaTrustKey
             * @static
             * @param {streetlight.v1.OtaTrustKey.$Properties} message OtaTrustKey message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OtaTrustKey.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an OtaTrustKey message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.OtaTrustKey
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.OtaTrustKey & streetlight.v1.OtaTrustKey.$Shape} OtaTrustKey
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OtaTrustKey.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.OtaTrustKey();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.keyId = value;
                            else
                                delete message.keyId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.publicKey = value;
                            else
                                delete message.publicKey;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an OtaTrustKey message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.OtaTrustKey
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.OtaTrustKey & streetlight.v1.OtaTrustKey.$Shape} OtaTrustKey
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OtaTrustKey.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an OtaTrustKey message.
             * @function verify
             * @memberof streetlight.v1.OtaTrustKey
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            OtaTrustKey.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId"))
                    if (!$util.isInteger(message.keyId))
                        return "keyId: integer expected";
                if (message.publicKey != null && $Object.hasOwnProperty.call(message, "publicKey"))
                    if (!(message.publicKey && typeof message.publicKey.length === "number" || $util.isString(message.publicKey)))
                        return "publicKey: buffer expected";
                return null;
            };

            /**
             * Creates an OtaTrustKey message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.OtaTrustKey
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.OtaTrustKey} OtaTrustKey
             */
            OtaTrustKey.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.OtaTrustKey)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.OtaTrustKey: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.OtaTrustKey();
                if (object.keyId != null)
                    if ($Number(object.keyId) !== 0)
                        message.keyId = object.keyId >>> 0;
                if (object.publicKey != null)
                    if (object.publicKey.length)
                        if (typeof object.publicKey === "string")
                            $util.base64.decode(object.publicKey, message.publicKey = $util.newBuffer($util.base64.length(object.publicKey)), 0);
                        else if (object.publicKey.length >= 0)
                            message.publicKey = object.publicKey;
                return message;
            };

            /**
             * Creates a plain object from an OtaTrustKey message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.OtaTrustKey
             * @static
             * @param {streetlight.v1.OtaTrustKey} message OtaTrustKey
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            OtaTrustKey.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.keyId = 0;
                    if (options.bytes === $String)
                        object.publicKey = "";
                    else {
                        object.publicKey = [];
                        if (options.bytes !== $Array)
                            object.publicKey = $util.newBuffer(object.publicKey);
                    }
                }
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId"))
                    object.keyId = message.keyId;
                if (message.publicKey != null && $Object.hasOwnProperty.call(message, "publicKey"))
                    object.publicKey = options.bytes === $String ? $util.base64.encode(message.publicKey, 0, message.publicKey.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.publicKey) : message.publicKey;
                return object;
            };

            /**
             * Converts this OtaTrustKey to JSON.
             * @function toJSON
             * @memberof streetlight.v1.OtaTrustKey
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            OtaTrustKey.prototype.toJSON = function() {
                return OtaTrustKey.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for OtaTrustKey
             * @function getTypeUrl
             * @memberof streetlight.v1.OtaTrustKey
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            OtaTrustKey.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.OtaTrustKey";
            };

            return OtaTrustKey;
        })();

        v1.DeviceIdentity = (function() {

            /**
             * Properties of a DeviceIdentity.
             * @typedef {Object} streetlight.v1.DeviceIdentity.$Properties
             * @property {number|null} [format] DeviceIdentity format
             * @property {string|null} [deviceId] DeviceIdentity deviceId
             * @property {string|null} [tenant] DeviceIdentity tenant
             * @property {string|null} [hardwareModel] DeviceIdentity hardwareModel
             * @property {string|null} [mqttHost] DeviceIdentity mqttHost
             * @property {number|null} [mqttPort] DeviceIdentity mqttPort
             * @property {boolean|null} [mqttTls] DeviceIdentity mqttTls
             * @property {string|null} [mqttPassword] DeviceIdentity mqttPassword
             * @property {Uint8Array|null} [deviceKey] DeviceIdentity deviceKey
             * @property {number|null} [keyGeneration] DeviceIdentity keyGeneration
             * @property {Array.<streetlight.v1.OtaTrustKey.$Properties>|null} [otaKeys] DeviceIdentity otaKeys
             * @property {string|null} [wifiSsid] DeviceIdentity wifiSsid
             * @property {string|null} [wifiPassword] DeviceIdentity wifiPassword
             * @property {number|null} [provisionedAt] DeviceIdentity provisionedAt
             * @property {Uint8Array|null} [mqttCa] DeviceIdentity mqttCa
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DeviceIdentity.
             * @memberof streetlight.v1
             * @interface IDeviceIdentity
             * @augments streetlight.v1.DeviceIdentity.$Properties
             * @deprecated Use streetlight.v1.DeviceIdentity.$Properties instead.
             */

            /**
             * Shape of a DeviceIdentity.
             * @typedef {streetlight.v1.DeviceIdentity.$Properties} streetlight.v1.DeviceIdentity.$Shape
             */

            /**
             * Constructs a new DeviceIdentity.
             * @memberof streetlight.v1
             * @classdesc Represents a DeviceIdentity.
             * @constructor
             * @param {streetlight.v1.DeviceIdentity.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DeviceIdentity = function (properties) {
                this.otaKeys = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DeviceIdentity format.
             * @member {number} format
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.format = 0;

            /**
             * DeviceIdentity deviceId.
             * @member {string} deviceId
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.deviceId = "";

            /**
             * DeviceIdentity tenant.
             * @member {string} tenant
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.tenant = "";

            /**
             * DeviceIdentity hardwareModel.
             * @member {string} hardwareModel
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.hardwareModel = "";

            /**
             * DeviceIdentity mqttHost.
             * @member {string} mqttHost
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.mqttHost = "";

            /**
             * DeviceIdentity mqttPort.
             * @member {number} mqttPort
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.mqttPort = 0;

            /**
             * DeviceIdentity mqttTls.
             * @member {boolean} mqttTls
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.mqttTls = false;

            /**
             * DeviceIdentity mqttPassword.
             * @member {string} mqttPassword
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.mqttPassword = "";

            /**
             * DeviceIdentity deviceKey.
             * @member {Uint8Array} deviceKey
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.deviceKey = $util.newBuffer([]);

            /**
             * DeviceIdentity keyGeneration.
             * @member {number} keyGeneration
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.keyGeneration = 0;

            /**
             * DeviceIdentity otaKeys.
             * @member {Array.<streetlight.v1.OtaTrustKey.$Properties>} otaKeys
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.otaKeys = $util.emptyArray;

            /**
             * DeviceIdentity wifiSsid.
             * @member {string} wifiSsid
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.wifiSsid = "";

            /**
             * DeviceIdentity wifiPassword.
             * @member {string} wifiPassword
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.wifiPassword = "";

            /**
             * DeviceIdentity provisionedAt.
             * @member {number} provisionedAt
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.provisionedAt = 0;

            /**
             * DeviceIdentity mqttCa.
             * @member {Uint8Array} mqttCa
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             */
            DeviceIdentity.prototype.mqttCa = $util.newBuffer([]);

            /**
             * Creates a new DeviceIdentity instance using the specified properties.
             * @function create
             * @memberof streetlight.v1.DeviceIdentity
             * @static
             * @param {streetlight.v1.DeviceIdentity.$Properties=} [properties] Properties to set
             * @returns {streetlight.v1.DeviceIdentity} DeviceIdentity instance
             * @type {{
             *   (properties: streetlight.v1.DeviceIdentity.$Shape): streetlight.v1.DeviceIdentity & streetlight.v1.DeviceIdentity.$Shape;
             *   (properties?: streetlight.v1.DeviceIdentity.$Properties): streetlight.v1.DeviceIdentity;
             * }}
             */
            DeviceIdentity.create = function(properties) {
                return new DeviceIdentity(properties);
            };

            /**
             * Encodes the specified DeviceIdentity message. Does not implicitly {@link streetlight.v1.DeviceIdentity.verify|verify} messages.
             * @function encode
             * @memberof streetlight.v1.DeviceIdentity
             * @static
             * @param {streetlight.v1.DeviceIdentity.$Properties} message DeviceIdentity message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeviceIdentity.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.format != null && $Object.hasOwnProperty.call(message, "format") && message.format !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.format);
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.deviceId);
                if (message.tenant != null && $Object.hasOwnProperty.call(message, "tenant") && message.tenant !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.tenant);
                if (message.hardwareModel != null && $Object.hasOwnProperty.call(message, "hardwareModel") && message.hardwareModel !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.hardwareModel);
                if (message.mqttHost != null && $Object.hasOwnProperty.call(message, "mqttHost") && message.mqttHost !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.mqttHost);
                if (message.mqttPort != null && $Object.hasOwnProperty.call(message, "mqttPort") && message.mqttPort !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.mqttPort);
                if (message.mqttTls != null && $Object.hasOwnProperty.call(message, "mqttTls") && message.mqttTls !== false)
                    writer.uint32(/* id 7, wireType 0 =*/56).bool(message.mqttTls);
                if (message.mqttPassword != null && $Object.hasOwnProperty.call(message, "mqttPassword") && message.mqttPassword !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.mqttPassword);
                if (message.deviceKey != null && $Object.hasOwnProperty.call(message, "deviceKey") && message.deviceKey.length)
                    writer.uint32(/* id 9, wireType 2 =*/74).bytes(message.deviceKey);
                if (message.keyGeneration != null && $Object.hasOwnProperty.call(message, "keyGeneration") && message.keyGeneration !== 0)
                    writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.keyGeneration);
                if (message.otaKeys != null && message.otaKeys.length)
                    for (let i = 0; i < message.otaKeys.length; ++i)
                        $root.streetlight.v1.OtaTrustKey.encode(message.otaKeys[i], writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.wifiSsid != null && $Object.hasOwnProperty.call(message, "wifiSsid") && message.wifiSsid !== "")
                    writer.uint32(/* id 12, wireType 2 =*/98).string(message.wifiSsid);
                if (message.wifiPassword != null && $Object.hasOwnProperty.call(message, "wifiPassword") && message.wifiPassword !== "")
                    writer.uint32(/* id 13, wireType 2 =*/106).string(message.wifiPassword);
                if (message.provisionedAt != null && $Object.hasOwnProperty.call(message, "provisionedAt") && message.provisionedAt !== 0)
                    writer.uint32(/* id 14, wireType 0 =*/112).uint32(message.provisionedAt);
                if (message.mqttCa != null && $Object.hasOwnProperty.call(message, "mqttCa") && message.mqttCa.length)
                    writer.uint32(/* id 15, wireType 2 =*/122).bytes(message.mqttCa);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified DeviceIdentity message, length delimited. Does not implicitly {@link streetlight.v1.DeviceIdentity.verify|verify} messages.
             * @function encodeDelimited
             * @memberof streetlight.v1.DeviceIdentity
             * @static
             * @param {streetlight.v1.DeviceIdentity.$Properties} message DeviceIdentity message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeviceIdentity.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DeviceIdentity message from the specified reader or buffer.
             * @function decode
             * @memberof streetlight.v1.DeviceIdentity
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {streetlight.v1.DeviceIdentity & streetlight.v1.DeviceIdentity.$Shape} DeviceIdentity
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeviceIdentity.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.streetlight.v1.DeviceIdentity();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.format = value;
                            else
                                delete message.format;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tenant = value;
                            else
                                delete message.tenant;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.hardwareModel = value;
                            else
                                delete message.hardwareModel;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.mqttHost = value;
                            else
                                delete message.mqttHost;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.mqttPort = value;
                            else
                                delete message.mqttPort;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.mqttTls = value;
                            else
                                delete message.mqttTls;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.mqttPassword = value;
                            else
                                delete message.mqttPassword;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.deviceKey = value;
                            else
                                delete message.deviceKey;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.keyGeneration = value;
                            else
                                delete message.keyGeneration;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if (!(message.otaKeys && message.otaKeys.length))
                                message.otaKeys = [];
                            message.otaKeys.push($root.streetlight.v1.OtaTrustKey.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.wifiSsid = value;
                            else
                                delete message.wifiSsid;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.wifiPassword = value;
                            else
                                delete message.wifiPassword;
                            continue;
                        }
                    case 14: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.provisionedAt = value;
                            else
                                delete message.provisionedAt;
                            continue;
                        }
                    case 15: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.mqttCa = value;
                            else
                                delete message.mqttCa;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a DeviceIdentity message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof streetlight.v1.DeviceIdentity
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {streetlight.v1.DeviceIdentity & streetlight.v1.DeviceIdentity.$Shape} DeviceIdentity
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeviceIdentity.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DeviceIdentity message.
             * @function verify
             * @memberof streetlight.v1.DeviceIdentity
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DeviceIdentity.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.format != null && $Object.hasOwnProperty.call(message, "format"))
                    if (!$util.isInteger(message.format))
                        return "format: integer expected";
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    if (!$util.isString(message.deviceId))
                        return "deviceId: string expected";
                if (message.tenant != null && $Object.hasOwnProperty.call(message, "tenant"))
                    if (!$util.isString(message.tenant))
                        return "tenant: string expected";
                if (message.hardwareModel != null && $Object.hasOwnProperty.call(message, "hardwareModel"))
                    if (!$util.isString(message.hardwareModel))
                        return "hardwareModel: string expected";
                if (message.mqttHost != null && $Object.hasOwnProperty.call(message, "mqttHost"))
                    if (!$util.isString(message.mqttHost))
                        return "mqttHost: string expected";
                if (message.mqttPort != null && $Object.hasOwnProperty.call(message, "mqttPort"))
                    if (!$util.isInteger(message.mqttPort))
                        return "mqttPort: integer expected";
                if (message.mqttTls != null && $Object.hasOwnProperty.call(message, "mqttTls"))
                    if (typeof message.mqttTls !== "boolean")
                        return "mqttTls: boolean expected";
                if (message.mqttPassword != null && $Object.hasOwnProperty.call(message, "mqttPassword"))
                    if (!$util.isString(message.mqttPassword))
                        return "mqttPassword: string expected";
                if (message.deviceKey != null && $Object.hasOwnProperty.call(message, "deviceKey"))
                    if (!(message.deviceKey && typeof message.deviceKey.length === "number" || $util.isString(message.deviceKey)))
                        return "deviceKey: buffer expected";
                if (message.keyGeneration != null && $Object.hasOwnProperty.call(message, "keyGeneration"))
                    if (!$util.isInteger(message.keyGeneration))
                        return "keyGeneration: integer expected";
                if (message.otaKeys != null && $Object.hasOwnProperty.call(message, "otaKeys")) {
                    if (!$Array.isArray(message.otaKeys))
                        return "otaKeys: array expected";
                    for (let i = 0; i < message.otaKeys.length; ++i) {
                        let error = $root.streetlight.v1.OtaTrustKey.verify(message.otaKeys[i], _depth + 1);
                        if (error)
                            return "otaKeys." + error;
                    }
                }
                if (message.wifiSsid != null && $Object.hasOwnProperty.call(message, "wifiSsid"))
                    if (!$util.isString(message.wifiSsid))
                        return "wifiSsid: string expected";
                if (message.wifiPassword != null && $Object.hasOwnProperty.call(message, "wifiPassword"))
                    if (!$util.isString(message.wifiPassword))
                        return "wifiPassword: string expected";
                if (message.provisionedAt != null && $Object.hasOwnProperty.call(message, "provisionedAt"))
                    if (!$util.isInteger(message.provisionedAt))
                        return "provisionedAt: integer expected";
                if (message.mqttCa != null && $Object.hasOwnProperty.call(message, "mqttCa"))
                    if (!(message.mqttCa && typeof message.mqttCa.length === "number" || $util.isString(message.mqttCa)))
                        return "mqttCa: buffer expected";
                return null;
            };

            /**
             * Creates a DeviceIdentity message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof streetlight.v1.DeviceIdentity
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {streetlight.v1.DeviceIdentity} DeviceIdentity
             */
            DeviceIdentity.fromObject = function (object, _depth) {
                if (object instanceof $root.streetlight.v1.DeviceIdentity)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".streetlight.v1.DeviceIdentity: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.streetlight.v1.DeviceIdentity();
                if (object.format != null)
                    if ($Number(object.format) !== 0)
                        message.format = object.format >>> 0;
                if (object.deviceId != null)
                    if (typeof object.deviceId !== "string" || object.deviceId.length)
                        message.deviceId = $String(object.deviceId);
                if (object.tenant != null)
                    if (typeof object.tenant !== "string" || object.tenant.length)
                        message.tenant = $String(object.tenant);
                if (object.hardwareModel != null)
                    if (typeof object.hardwareModel !== "string" || object.hardwareModel.length)
                        message.hardwareModel = $String(object.hardwareModel);
                if (object.mqttHost != null)
                    if (typeof object.mqttHost !== "string" || object.mqttHost.length)
                        message.mqttHost = $String(object.mqttHost);
                if (object.mqttPort != null)
                    if ($Number(object.mqttPort) !== 0)
                        message.mqttPort = object.mqttPort >>> 0;
                if (object.mqttTls != null)
                    if (object.mqttTls)
                        message.mqttTls = $Boolean(object.mqttTls);
                if (object.mqttPassword != null)
                    if (typeof object.mqttPassword !== "string" || object.mqttPassword.length)
                        message.mqttPassword = $String(object.mqttPassword);
                if (object.deviceKey != null)
                    if (object.deviceKey.length)
                        if (typeof object.deviceKey === "string")
                            $util.base64.decode(object.deviceKey, message.deviceKey = $util.newBuffer($util.base64.length(object.deviceKey)), 0);
                        else if (object.deviceKey.length >= 0)
                            message.deviceKey = object.deviceKey;
                if (object.keyGeneration != null)
                    if ($Number(object.keyGeneration) !== 0)
                        message.keyGeneration = object.keyGeneration >>> 0;
                if (object.otaKeys) {
                    if (!$Array.isArray(object.otaKeys))
                        throw $TypeError(".streetlight.v1.DeviceIdentity.otaKeys: array expected");
                    message.otaKeys = $Array(object.otaKeys.length);
                    for (let i = 0; i < object.otaKeys.length; ++i) {
                        if (!$util.isObject(object.otaKeys[i]))
                            throw $TypeError(".streetlight.v1.DeviceIdentity.otaKeys: object expected");
                        message.otaKeys[i] = $root.streetlight.v1.OtaTrustKey.fromObject(object.otaKeys[i], _depth + 1);
                    }
                }
                if (object.wifiSsid != null)
                    if (typeof object.wifiSsid !== "string" || object.wifiSsid.length)
                        message.wifiSsid = $String(object.wifiSsid);
                if (object.wifiPassword != null)
                    if (typeof object.wifiPassword !== "string" || object.wifiPassword.length)
                        message.wifiPassword = $String(object.wifiPassword);
                if (object.provisionedAt != null)
                    if ($Number(object.provisionedAt) !== 0)
                        message.provisionedAt = object.provisionedAt >>> 0;
                if (object.mqttCa != null)
                    if (object.mqttCa.length)
                        if (typeof object.mqttCa === "string")
                            $util.base64.decode(object.mqttCa, message.mqttCa = $util.newBuffer($util.base64.length(object.mqttCa)), 0);
                        else if (object.mqttCa.length >= 0)
                            message.mqttCa = object.mqttCa;
                return message;
            };

            /**
             * Creates a plain object from a DeviceIdentity message. Also converts values to other types if specified.
             * @function toObject
             * @memberof streetlight.v1.DeviceIdentity
             * @static
             * @param {streetlight.v1.DeviceIdentity} message DeviceIdentity
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DeviceIdentity.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.otaKeys = [];
                if (options.defaults) {
                    object.format = 0;
                    object.deviceId = "";
                    object.tenant = "";
                    object.hardwareModel = "";
                    object.mqttHost = "";
                    object.mqttPort = 0;
                    object.mqttTls = false;
                    object.mqttPassword = "";
                    if (options.bytes === $String)
                        object.deviceKey = "";
                    else {
                        object.deviceKey = [];
                        if (options.bytes !== $Array)
                            object.deviceKey = $util.newBuffer(object.deviceKey);
                    }
                    object.keyGeneration = 0;
                    object.wifiSsid = "";
                    object.wifiPassword = "";
                    object.provisionedAt = 0;
                    if (options.bytes === $String)
                        object.mqttCa = "";
                    else {
                        object.mqttCa = [];
                        if (options.bytes !== $Array)
                            object.mqttCa = $util.newBuffer(object.mqttCa);
                    }
                }
                if (message.format != null && $Object.hasOwnProperty.call(message, "format"))
                    object.format = message.format;
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    object.deviceId = message.deviceId;
                if (message.tenant != null && $Object.hasOwnProperty.call(message, "tenant"))
                    object.tenant = message.tenant;
                if (message.hardwareModel != null && $Object.hasOwnProperty.call(message, "hardwareModel"))
                    object.hardwareModel = message.hardwareModel;
                if (message.mqttHost != null && $Object.hasOwnProperty.call(message, "mqttHost"))
                    object.mqttHost = message.mqttHost;
                if (message.mqttPort != null && $Object.hasOwnProperty.call(message, "mqttPort"))
                    object.mqttPort = message.mqttPort;
                if (message.mqttTls != null && $Object.hasOwnProperty.call(message, "mqttTls"))
                    object.mqttTls = message.mqttTls;
                if (message.mqttPassword != null && $Object.hasOwnProperty.call(message, "mqttPassword"))
                    object.mqttPassword = message.mqttPassword;
                if (message.deviceKey != null && $Object.hasOwnProperty.call(message, "deviceKey"))
                    object.deviceKey = options.bytes === $String ? $util.base64.encode(message.deviceKey, 0, message.deviceKey.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.deviceKey) : message.deviceKey;
                if (message.keyGeneration != null && $Object.hasOwnProperty.call(message, "keyGeneration"))
                    object.keyGeneration = message.keyGeneration;
                if (message.otaKeys && message.otaKeys.length) {
                    object.otaKeys = $Array(message.otaKeys.length);
                    for (let j = 0; j < message.otaKeys.length; ++j)
                        object.otaKeys[j] = $root.streetlight.v1.OtaTrustKey.toObject(message.otaKeys[j], options, _depth + 1);
                }
                if (message.wifiSsid != null && $Object.hasOwnProperty.call(message, "wifiSsid"))
                    object.wifiSsid = message.wifiSsid;
                if (message.wifiPassword != null && $Object.hasOwnProperty.call(message, "wifiPassword"))
                    object.wifiPassword = message.wifiPassword;
                if (message.provisionedAt != null && $Object.hasOwnProperty.call(message, "provisionedAt"))
                    object.provisionedAt = message.provisionedAt;
                if (message.mqttCa != null && $Object.hasOwnProperty.call(message, "mqttCa"))
                    object.mqttCa = options.bytes === $String ? $util.base64.encode(message.mqttCa, 0, message.mqttCa.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.mqttCa) : message.mqttCa;
                return object;
            };

            /**
             * Converts this DeviceIdentity to JSON.
             * @function toJSON
             * @memberof streetlight.v1.DeviceIdentity
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DeviceIdentity.prototype.toJSON = function() {
                return DeviceIdentity.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DeviceIdentity
             * @function getTypeUrl
             * @memberof streetlight.v1.DeviceIdentity
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DeviceIdentity.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/streetlight.v1.DeviceIdentity";
            };

            return DeviceIdentity;
        })();

        return v1;
    })();

    return streetlight;
})();

export {
  $root as default
};
