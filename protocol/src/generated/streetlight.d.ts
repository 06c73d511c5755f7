import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace streetlight. */
export namespace streetlight {

    /** Namespace v1. */
    namespace v1 {

        /** ClockStatus enum. */
        enum ClockStatus {

            /** CLOCK_STATUS_UNSPECIFIED value */
            CLOCK_STATUS_UNSPECIFIED = 0,

            /** CLOCK_STATUS_UNSET value */
            CLOCK_STATUS_UNSET = 1,

            /** CLOCK_STATUS_RTC value */
            CLOCK_STATUS_RTC = 2,

            /** CLOCK_STATUS_SYNCED value */
            CLOCK_STATUS_SYNCED = 3
        }

        /** LevelSource enum. */
        enum LevelSource {

            /** LEVEL_SOURCE_UNSPECIFIED value */
            LEVEL_SOURCE_UNSPECIFIED = 0,

            /** LEVEL_SOURCE_PLAN value */
            LEVEL_SOURCE_PLAN = 1,

            /** LEVEL_SOURCE_OVERRIDE value */
            LEVEL_SOURCE_OVERRIDE = 2,

            /** LEVEL_SOURCE_FALLBACK value */
            LEVEL_SOURCE_FALLBACK = 3,

            /** LEVEL_SOURCE_DEFAULT value */
            LEVEL_SOURCE_DEFAULT = 4
        }

        /**
         * Properties of a PlanRef.
         * @deprecated Use streetlight.v1.PlanRef.$Properties instead.
         */
        interface IPlanRef extends streetlight.v1.PlanRef.$Properties {
        }

        /** Represents a PlanRef. */
        class PlanRef {

            /**
             * Constructs a new PlanRef.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.PlanRef.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PlanRef id. */
            id: number;

            /** PlanRef version. */
            version: number;

            /**
             * Creates a new PlanRef instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PlanRef instance
             */
            static create(properties: streetlight.v1.PlanRef.$Shape): streetlight.v1.PlanRef & streetlight.v1.PlanRef.$Shape;
            static create(properties?: streetlight.v1.PlanRef.$Properties): streetlight.v1.PlanRef;

            /**
             * Encodes the specified PlanRef message. Does not implicitly {@link streetlight.v1.PlanRef.verify|verify} messages.
             * @param message PlanRef message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.PlanRef.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PlanRef message, length delimited. Does not implicitly {@link streetlight.v1.PlanRef.verify|verify} messages.
             * @param message PlanRef message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.PlanRef.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PlanRef message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.PlanRef & streetlight.v1.PlanRef.$Shape} PlanRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.PlanRef & streetlight.v1.PlanRef.$Shape;

            /**
             * Decodes a PlanRef message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.PlanRef & streetlight.v1.PlanRef.$Shape} PlanRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.PlanRef & streetlight.v1.PlanRef.$Shape;

            /**
             * Verifies a PlanRef message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a PlanRef message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PlanRef
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.PlanRef;

            /**
             * Creates a plain object from a PlanRef message. Also converts values to other types if specified.
             * @param message PlanRef
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.PlanRef, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PlanRef to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PlanRef
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PlanRef {

            /** Properties of a PlanRef. */
            interface $Properties {

                /** PlanRef id */
                id?: (number|null);

                /** PlanRef version */
                version?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PlanRef. */
            type $Shape = streetlight.v1.PlanRef.$Properties;
        }

        /**
         * Properties of an Uplink.
         * @deprecated Use streetlight.v1.Uplink.$Properties instead.
         */
        interface IUplink extends streetlight.v1.Uplink.$Properties {
        }

        /** Represents an Uplink. */
        class Uplink {

            /**
             * Constructs a new Uplink.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.Uplink.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Uplink protocolVersion. */
            protocolVersion: number;

            /** Uplink deviceId. */
            deviceId: string;

            /** Uplink seq. */
            seq: number;

            /** Uplink time. */
            time: number;

            /** Uplink mac. */
            mac: Uint8Array;

            /** Uplink hello. */
            hello?: (streetlight.v1.Hello.$Properties|null);

            /** Uplink state. */
            state?: (streetlight.v1.StateReport.$Properties|null);

            /** Uplink energy. */
            energy?: (streetlight.v1.EnergyReport.$Properties|null);

            /** Uplink event. */
            event?: (streetlight.v1.DeviceEvent.$Properties|null);

            /** Uplink ack. */
            ack?: (streetlight.v1.CommandAck.$Properties|null);

            /** Uplink otaStatus. */
            otaStatus?: (streetlight.v1.OtaStatus.$Properties|null);

            /** Uplink detection. */
            detection?: (streetlight.v1.PresenceDetection.$Properties|null);

            /** Uplink profile. */
            profile?: (streetlight.v1.TrafficProfile.$Properties|null);

            /** Uplink luminaire. */
            luminaire?: (streetlight.v1.LuminaireReport.$Properties|null);

            /** Uplink body. */
            body?: ("hello"|"state"|"energy"|"event"|"ack"|"otaStatus"|"detection"|"profile"|"luminaire");

            /**
             * Creates a new Uplink instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Uplink instance
             */
            static create(properties: streetlight.v1.Uplink.$Shape): streetlight.v1.Uplink & streetlight.v1.Uplink.$Shape;
            static create(properties?: streetlight.v1.Uplink.$Properties): streetlight.v1.Uplink;

            /**
             * Encodes the specified Uplink message. Does not implicitly {@link streetlight.v1.Uplink.verify|verify} messages.
             * @param message Uplink message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.Uplink.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Uplink message, length delimited. Does not implicitly {@link streetlight.v1.Uplink.verify|verify} messages.
             * @param message Uplink message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.Uplink.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Uplink message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.Uplink & streetlight.v1.Uplink.$Shape} Uplink
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.Uplink & streetlight.v1.Uplink.$Shape;

            /**
             * Decodes an Uplink message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.Uplink & streetlight.v1.Uplink.$Shape} Uplink
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.Uplink & streetlight.v1.Uplink.$Shape;

            /**
             * Verifies an Uplink message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an Uplink message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Uplink
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.Uplink;

            /**
             * Creates a plain object from an Uplink message. Also converts values to other types if specified.
             * @param message Uplink
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.Uplink, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Uplink to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Uplink
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Uplink {

            /** Properties of an Uplink. */
            interface $Properties {

                /** Uplink protocolVersion */
                protocolVersion?: (number|null);

                /** Uplink deviceId */
                deviceId?: (string|null);

                /** Uplink seq */
                seq?: (number|null);

                /** Uplink time */
                time?: (number|null);

                /** Uplink mac */
                mac?: (Uint8Array|null);

                /** Uplink hello */
                hello?: (streetlight.v1.Hello.$Properties|null);

                /** Uplink state */
                state?: (streetlight.v1.StateReport.$Properties|null);

                /** Uplink energy */
                energy?: (streetlight.v1.EnergyReport.$Properties|null);

                /** Uplink event */
                event?: (streetlight.v1.DeviceEvent.$Properties|null);

                /** Uplink ack */
                ack?: (streetlight.v1.CommandAck.$Properties|null);

                /** Uplink otaStatus */
                otaStatus?: (streetlight.v1.OtaStatus.$Properties|null);

                /** Uplink detection */
                detection?: (streetlight.v1.PresenceDetection.$Properties|null);

                /** Uplink profile */
                profile?: (streetlight.v1.TrafficProfile.$Properties|null);

                /** Uplink luminaire */
                luminaire?: (streetlight.v1.LuminaireReport.$Properties|null);

                /** Uplink body */
                body?: ("hello"|"state"|"energy"|"event"|"ack"|"otaStatus"|"detection"|"profile"|"luminaire");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of an Uplink. */
            type $Shape = {
              protocolVersion?: number|null;
              deviceId?: string|null;
              seq?: number|null;
              time?: number|null;
              mac?: Uint8Array|null;
              hello?: streetlight.v1.Hello.$Shape|null;
              state?: streetlight.v1.StateReport.$Shape|null;
              energy?: streetlight.v1.EnergyReport.$Shape|null;
              event?: streetlight.v1.DeviceEvent.$Shape|null;
              ack?: streetlight.v1.CommandAck.$Shape|null;
              otaStatus?: streetlight.v1.OtaStatus.$Shape|null;
              detection?: streetlight.v1.PresenceDetection.$Shape|null;
              profile?: streetlight.v1.TrafficProfile.$Shape|null;
              luminaire?: streetlight.v1.LuminaireReport.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; hello?: null; state?: null; energy?: null; event?: null; ack?: null; otaStatus?: null; detection?: null; profile?: null; luminaire?: null }|{ body?: "hello"; hello: streetlight.v1.Hello.$Shape; state?: null; energy?: null; event?: null; ack?: null; otaStatus?: null; detection?: null; profile?: null; luminaire?: null }|{ body?: "state"; hello?: null; state: streetlight.v1.StateReport.$Shape; energy?: null; event?: null; ack?: null; otaStatus?: null; detection?: null; profile?: null; luminaire?: null }|{ body?: "energy"; hello?: null; state?: null; energy: streetlight.v1.EnergyReport.$Shape; event?: null; ack?: null; otaStatus?: null; detection?: null; profile?: null; luminaire?: null }|{ body?: "event"; hello?: null; state?: null; energy?: null; event: streetlight.v1.DeviceEvent.$Shape; ack?: null; otaStatus?: null; detection?: null; profile?: null; luminaire?: null }|{ body?: "ack"; hello?: null; state?: null; energy?: null; event?: null; ack: streetlight.v1.CommandAck.$Shape; otaStatus?: null; detection?: null; profile?: null; luminaire?: null }|{ body?: "otaStatus"; hello?: null; state?: null; energy?: null; event?: null; ack?: null; otaStatus: streetlight.v1.OtaStatus.$Shape; detection?: null; profile?: null; luminaire?: null }|{ body?: "detection"; hello?: null; state?: null; energy?: null; event?: null; ack?: null; otaStatus?: null; detection: streetlight.v1.PresenceDetection.$Shape; profile?: null; luminaire?: null }|{ body?: "profile"; hello?: null; state?: null; energy?: null; event?: null; ack?: null; otaStatus?: null; detection?: null; profile: streetlight.v1.TrafficProfile.$Shape; luminaire?: null }|{ body?: "luminaire"; hello?: null; state?: null; energy?: null; event?: null; ack?: null; otaStatus?: null; detection?: null; profile?: null; luminaire: streetlight.v1.LuminaireReport.$Shape })
            );
        }

        /**
         * Properties of a TrafficProfile.
         * @deprecated Use streetlight.v1.TrafficProfile.$Properties instead.
         */
        interface ITrafficProfile extends streetlight.v1.TrafficProfile.$Properties {
        }

        /** Represents a TrafficProfile. */
        class TrafficProfile {

            /**
             * Constructs a new TrafficProfile.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.TrafficProfile.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TrafficProfile weeks. */
            weeks: number;

            /** TrafficProfile cellMinutes. */
            cellMinutes: number;

            /** TrafficProfile cells. */
            cells: Uint8Array;

            /** TrafficProfile watchedCells. */
            watchedCells: number;

            /**
             * Creates a new TrafficProfile instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TrafficProfile instance
             */
            static create(properties: streetlight.v1.TrafficProfile.$Shape): streetlight.v1.TrafficProfile & streetlight.v1.TrafficProfile.$Shape;
            static create(properties?: streetlight.v1.TrafficProfile.$Properties): streetlight.v1.TrafficProfile;

            /**
             * Encodes the specified TrafficProfile message. Does not implicitly {@link streetlight.v1.TrafficProfile.verify|verify} messages.
             * @param message TrafficProfile message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.TrafficProfile.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified TrafficProfile message, length delimited. Does not implicitly {@link streetlight.v1.TrafficProfile.verify|verify} messages.
             * @param message TrafficProfile message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.TrafficProfile.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TrafficProfile message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.TrafficProfile & streetlight.v1.TrafficProfile.$Shape} TrafficProfile
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.TrafficProfile & streetlight.v1.TrafficProfile.$Shape;

            /**
             * Decodes a TrafficProfile message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.TrafficProfile & streetlight.v1.TrafficProfile.$Shape} TrafficProfile
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.TrafficProfile & streetlight.v1.TrafficProfile.$Shape;

            /**
             * Verifies a TrafficProfile message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a TrafficProfile message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TrafficProfile
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.TrafficProfile;

            /**
             * Creates a plain object from a TrafficProfile message. Also converts values to other types if specified.
             * @param message TrafficProfile
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.TrafficProfile, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TrafficProfile to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for TrafficProfile
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace TrafficProfile {

            /** Properties of a TrafficProfile. */
            interface $Properties {

                /** TrafficProfile weeks */
                weeks?: (number|null);

                /** TrafficProfile cellMinutes */
                cellMinutes?: (number|null);

                /** TrafficProfile cells */
                cells?: (Uint8Array|null);

                /** TrafficProfile watchedCells */
                watchedCells?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TrafficProfile. */
            type $Shape = streetlight.v1.TrafficProfile.$Properties;
        }

        /** LuminaireReason enum. */
        enum LuminaireReason {

            /** LUMINAIRE_REASON_UNSPECIFIED value */
            LUMINAIRE_REASON_UNSPECIFIED = 0,

            /** LUMINAIRE_REASON_BOOT value */
            LUMINAIRE_REASON_BOOT = 1,

            /** LUMINAIRE_REASON_REQUESTED value */
            LUMINAIRE_REASON_REQUESTED = 2,

            /** LUMINAIRE_REASON_PERIODIC value */
            LUMINAIRE_REASON_PERIODIC = 3
        }

        /**
         * Properties of a LuminaireReport.
         * @deprecated Use streetlight.v1.LuminaireReport.$Properties instead.
         */
        interface ILuminaireReport extends streetlight.v1.LuminaireReport.$Properties {
        }

        /** Represents a LuminaireReport. */
        class LuminaireReport {

            /**
             * Constructs a new LuminaireReport.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.LuminaireReport.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LuminaireReport readAt. */
            readAt: number;

            /** LuminaireReport reason. */
            reason: streetlight.v1.LuminaireReason;

            /** LuminaireReport d4i. */
            d4i: boolean;

            /** LuminaireReport gtin. */
            gtin: number;

            /** LuminaireReport serial. */
            serial: Uint8Array;

            /** LuminaireReport gearGtin. */
            gearGtin: number;

            /** LuminaireReport gearSerial. */
            gearSerial: Uint8Array;

            /** LuminaireReport gearFirmware. */
            gearFirmware: number;

            /** LuminaireReport yearOfManufacture. */
            yearOfManufacture: number;

            /** LuminaireReport weekOfManufacture. */
            weekOfManufacture: number;

            /** LuminaireReport nominalPowerW. */
            nominalPowerW: number;

            /** LuminaireReport minDimPowerW. */
            minDimPowerW: number;

            /** LuminaireReport minMainsV. */
            minMainsV: number;

            /** LuminaireReport maxMainsV. */
            maxMainsV: number;

            /** LuminaireReport fluxLm. */
            fluxLm: number;

            /** LuminaireReport cri. */
            cri: number;

            /** LuminaireReport cctK. */
            cctK: number;

            /** LuminaireReport distribution. */
            distribution: number;

            /** LuminaireReport energyWh. */
            energyWh: number;

            /** LuminaireReport powerDw. */
            powerDw: number;

            /** LuminaireReport operatingTimeS. */
            operatingTimeS: number;

            /** LuminaireReport startCount. */
            startCount: number;

            /** LuminaireReport supplyDv. */
            supplyDv: number;

            /** LuminaireReport gearTemperatureC. */
            gearTemperatureC: number;

            /** LuminaireReport ledOnTimeS. */
            ledOnTimeS: number;

            /** LuminaireReport ledVoltageDv. */
            ledVoltageDv: number;

            /** LuminaireReport ledCurrentMa. */
            ledCurrentMa: number;

            /** LuminaireReport ledTemperatureC. */
            ledTemperatureC: number;

            /** LuminaireReport failures. */
            failures: number;

            /** LuminaireReport actualLevel. */
            actualLevel: number;

            /**
             * Creates a new LuminaireReport instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LuminaireReport instance
             */
            static create(properties: streetlight.v1.LuminaireReport.$Shape): streetlight.v1.LuminaireReport & streetlight.v1.LuminaireReport.$Shape;
            static create(properties?: streetlight.v1.LuminaireReport.$Properties): streetlight.v1.LuminaireReport;

            /**
             * Encodes the specified LuminaireReport message. Does not implicitly {@link streetlight.v1.LuminaireReport.verify|verify} messages.
             * @param message LuminaireReport message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.LuminaireReport.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified LuminaireReport message, length delimited. Does not implicitly {@link streetlight.v1.LuminaireReport.verify|verify} messages.
             * @param message LuminaireReport message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.LuminaireReport.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LuminaireReport message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.LuminaireReport & streetlight.v1.LuminaireReport.$Shape} LuminaireReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.LuminaireReport & streetlight.v1.LuminaireReport.$Shape;

            /**
             * Decodes a LuminaireReport message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.LuminaireReport & streetlight.v1.LuminaireReport.$Shape} LuminaireReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.LuminaireReport & streetlight.v1.LuminaireReport.$Shape;

            /**
             * Verifies a LuminaireReport message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a LuminaireReport message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns LuminaireReport
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.LuminaireReport;

            /**
             * Creates a plain object from a LuminaireReport message. Also converts values to other types if specified.
             * @param message LuminaireReport
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.LuminaireReport, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LuminaireReport to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for LuminaireReport
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LuminaireReport {

            /** Properties of a LuminaireReport. */
            interface $Properties {

                /** LuminaireReport readAt */
                readAt?: (number|null);

                /** LuminaireReport reason */
                reason?: (streetlight.v1.LuminaireReason|null);

                /** LuminaireReport d4i */
                d4i?: (boolean|null);

                /** LuminaireReport gtin */
                gtin?: (number|null);

                /** LuminaireReport serial */
                serial?: (Uint8Array|null);

                /** LuminaireReport gearGtin */
                gearGtin?: (number|null);

                /** LuminaireReport gearSerial */
                gearSerial?: (Uint8Array|null);

                /** LuminaireReport gearFirmware */
                gearFirmware?: (number|null);

                /** LuminaireReport yearOfManufacture */
                yearOfManufacture?: (number|null);

                /** LuminaireReport weekOfManufacture */
                weekOfManufacture?: (number|null);

                /** LuminaireReport nominalPowerW */
                nominalPowerW?: (number|null);

                /** LuminaireReport minDimPowerW */
                minDimPowerW?: (number|null);

                /** LuminaireReport minMainsV */
                minMainsV?: (number|null);

                /** LuminaireReport maxMainsV */
                maxMainsV?: (number|null);

                /** LuminaireReport fluxLm */
                fluxLm?: (number|null);

                /** LuminaireReport cri */
                cri?: (number|null);

                /** LuminaireReport cctK */
                cctK?: (number|null);

                /** LuminaireReport distribution */
                distribution?: (number|null);

                /** LuminaireReport energyWh */
                energyWh?: (number|null);

                /** LuminaireReport powerDw */
                powerDw?: (number|null);

                /** LuminaireReport operatingTimeS */
                operatingTimeS?: (number|null);

                /** LuminaireReport startCount */
                startCount?: (number|null);

                /** LuminaireReport supplyDv */
                supplyDv?: (number|null);

                /** LuminaireReport gearTemperatureC */
                gearTemperatureC?: (number|null);

                /** LuminaireReport ledOnTimeS */
                ledOnTimeS?: (number|null);

                /** LuminaireReport ledVoltageDv */
                ledVoltageDv?: (number|null);

                /** LuminaireReport ledCurrentMa */
                ledCurrentMa?: (number|null);

                /** LuminaireReport ledTemperatureC */
                ledTemperatureC?: (number|null);

                /** LuminaireReport failures */
                failures?: (number|null);

                /** LuminaireReport actualLevel */
                actualLevel?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LuminaireReport. */
            type $Shape = streetlight.v1.LuminaireReport.$Properties;
        }

        /**
         * Properties of a PresenceDetection.
         * @deprecated Use streetlight.v1.PresenceDetection.$Properties instead.
         */
        interface IPresenceDetection extends streetlight.v1.PresenceDetection.$Properties {
        }

        /** Represents a PresenceDetection. */
        class PresenceDetection {

            /**
             * Constructs a new PresenceDetection.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.PresenceDetection.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PresenceDetection detectedAt. */
            detectedAt: number;

            /** PresenceDetection raisedLevel. */
            raisedLevel: number;

            /** PresenceDetection holdS. */
            holdS: number;

            /** PresenceDetection sinceLast. */
            sinceLast: number;

            /**
             * Creates a new PresenceDetection instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PresenceDetection instance
             */
            static create(properties: streetlight.v1.PresenceDetection.$Shape): streetlight.v1.PresenceDetection & streetlight.v1.PresenceDetection.$Shape;
            static create(properties?: streetlight.v1.PresenceDetection.$Properties): streetlight.v1.PresenceDetection;

            /**
             * Encodes the specified PresenceDetection message. Does not implicitly {@link streetlight.v1.PresenceDetection.verify|verify} messages.
             * @param message PresenceDetection message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.PresenceDetection.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PresenceDetection message, length delimited. Does not implicitly {@link streetlight.v1.PresenceDetection.verify|verify} messages.
             * @param message PresenceDetection message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.PresenceDetection.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PresenceDetection message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.PresenceDetection & streetlight.v1.PresenceDetection.$Shape} PresenceDetection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.PresenceDetection & streetlight.v1.PresenceDetection.$Shape;

            /**
             * Decodes a PresenceDetection message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.PresenceDetection & streetlight.v1.PresenceDetection.$Shape} PresenceDetection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.PresenceDetection & streetlight.v1.PresenceDetection.$Shape;

            /**
             * Verifies a PresenceDetection message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a PresenceDetection message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PresenceDetection
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.PresenceDetection;

            /**
             * Creates a plain object from a PresenceDetection message. Also converts values to other types if specified.
             * @param message PresenceDetection
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.PresenceDetection, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PresenceDetection to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PresenceDetection
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PresenceDetection {

            /** Properties of a PresenceDetection. */
            interface $Properties {

                /** PresenceDetection detectedAt */
                detectedAt?: (number|null);

                /** PresenceDetection raisedLevel */
                raisedLevel?: (number|null);

                /** PresenceDetection holdS */
                holdS?: (number|null);

                /** PresenceDetection sinceLast */
                sinceLast?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PresenceDetection. */
            type $Shape = streetlight.v1.PresenceDetection.$Properties;
        }

        /** ResetReason enum. */
        enum ResetReason {

            /** RESET_REASON_UNSPECIFIED value */
            RESET_REASON_UNSPECIFIED = 0,

            /** RESET_REASON_POWER_ON value */
            RESET_REASON_POWER_ON = 1,

            /** RESET_REASON_SOFTWARE value */
            RESET_REASON_SOFTWARE = 2,

            /** RESET_REASON_WATCHDOG value */
            RESET_REASON_WATCHDOG = 3,

            /** RESET_REASON_PANIC value */
            RESET_REASON_PANIC = 4,

            /** RESET_REASON_BROWNOUT value */
            RESET_REASON_BROWNOUT = 5,

            /** RESET_REASON_OTA value */
            RESET_REASON_OTA = 6,

            /** RESET_REASON_ROLLBACK value */
            RESET_REASON_ROLLBACK = 7
        }

        /**
         * Properties of a Hello.
         * @deprecated Use streetlight.v1.Hello.$Properties instead.
         */
        interface IHello extends streetlight.v1.Hello.$Properties {
        }

        /** Represents a Hello. */
        class Hello {

            /**
             * Constructs a new Hello.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.Hello.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Hello firmwareVersion. */
            firmwareVersion: string;

            /** Hello hardwareModel. */
            hardwareModel: string;

            /** Hello resetReason. */
            resetReason: streetlight.v1.ResetReason;

            /** Hello uptimeS. */
            uptimeS: number;

            /** Hello bootCount. */
            bootCount: number;

            /** Hello configVersion. */
            configVersion: number;

            /** Hello plan. */
            plan?: (streetlight.v1.PlanRef.$Properties|null);

            /** Hello overrideId. */
            overrideId: number;

            /** Hello clock. */
            clock: streetlight.v1.ClockStatus;

            /** Hello maxProtocolVersion. */
            maxProtocolVersion: number;

            /** Hello downlinkFloor. */
            downlinkFloor: number;

            /** Hello keyGeneration. */
            keyGeneration: number;

            /**
             * Creates a new Hello instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Hello instance
             */
            static create(properties: streetlight.v1.Hello.$Shape): streetlight.v1.Hello & streetlight.v1.Hello.$Shape;
            static create(properties?: streetlight.v1.Hello.$Properties): streetlight.v1.Hello;

            /**
             * Encodes the specified Hello message. Does not implicitly {@link streetlight.v1.Hello.verify|verify} messages.
             * @param message Hello message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Hello message, length delimited. Does not implicitly {@link streetlight.v1.Hello.verify|verify} messages.
             * @param message Hello message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.Hello & streetlight.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.Hello & streetlight.v1.Hello.$Shape;

            /**
             * Decodes a Hello message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.Hello & streetlight.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.Hello & streetlight.v1.Hello.$Shape;

            /**
             * Verifies a Hello message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Hello message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Hello
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.Hello;

            /**
             * Creates a plain object from a Hello message. Also converts values to other types if specified.
             * @param message Hello
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.Hello, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Hello to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Hello
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Hello {

            /** Properties of a Hello. */
            interface $Properties {

                /** Hello firmwareVersion */
                firmwareVersion?: (string|null);

                /** Hello hardwareModel */
                hardwareModel?: (string|null);

                /** Hello resetReason */
                resetReason?: (streetlight.v1.ResetReason|null);

                /** Hello uptimeS */
                uptimeS?: (number|null);

                /** Hello bootCount */
                bootCount?: (number|null);

                /** Hello configVersion */
                configVersion?: (number|null);

                /** Hello plan */
                plan?: (streetlight.v1.PlanRef.$Properties|null);

                /** Hello overrideId */
                overrideId?: (number|null);

                /** Hello clock */
                clock?: (streetlight.v1.ClockStatus|null);

                /** Hello maxProtocolVersion */
                maxProtocolVersion?: (number|null);

                /** Hello downlinkFloor */
                downlinkFloor?: (number|null);

                /** Hello keyGeneration */
                keyGeneration?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Hello. */
            type $Shape = streetlight.v1.Hello.$Properties;
        }

        /** ReportReason enum. */
        enum ReportReason {

            /** REPORT_REASON_UNSPECIFIED value */
            REPORT_REASON_UNSPECIFIED = 0,

            /** REPORT_REASON_PERIODIC value */
            REPORT_REASON_PERIODIC = 1,

            /** REPORT_REASON_CHANGE value */
            REPORT_REASON_CHANGE = 2,

            /** REPORT_REASON_REQUESTED value */
            REPORT_REASON_REQUESTED = 3,

            /** REPORT_REASON_BOOT value */
            REPORT_REASON_BOOT = 4
        }

        /**
         * Properties of a StateReport.
         * @deprecated Use streetlight.v1.StateReport.$Properties instead.
         */
        interface IStateReport extends streetlight.v1.StateReport.$Properties {
        }

        /** Represents a StateReport. */
        class StateReport {

            /**
             * Constructs a new StateReport.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.StateReport.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** StateReport level. */
            level: number;

            /** StateReport targetLevel. */
            targetLevel: number;

            /** StateReport source. */
            source: streetlight.v1.LevelSource;

            /** StateReport plan. */
            plan?: (streetlight.v1.PlanRef.$Properties|null);

            /** StateReport configVersion. */
            configVersion: number;

            /** StateReport overrideId. */
            overrideId: number;

            /** StateReport overrideExpiresAt. */
            overrideExpiresAt: number;

            /** StateReport clock. */
            clock: streetlight.v1.ClockStatus;

            /** StateReport uptimeS. */
            uptimeS: number;

            /** StateReport powerMw. */
            powerMw: number;

            /** StateReport reason. */
            reason: streetlight.v1.ReportReason;

            /** StateReport clo. */
            clo?: (streetlight.v1.CloStatus.$Properties|null);

            /**
             * Creates a new StateReport instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StateReport instance
             */
            static create(properties: streetlight.v1.StateReport.$Shape): streetlight.v1.StateReport & streetlight.v1.StateReport.$Shape;
            static create(properties?: streetlight.v1.StateReport.$Properties): streetlight.v1.StateReport;

            /**
             * Encodes the specified StateReport message. Does not implicitly {@link streetlight.v1.StateReport.verify|verify} messages.
             * @param message StateReport message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.StateReport.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified StateReport message, length delimited. Does not implicitly {@link streetlight.v1.StateReport.verify|verify} messages.
             * @param message StateReport message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.StateReport.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StateReport message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.StateReport & streetlight.v1.StateReport.$Shape} StateReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.StateReport & streetlight.v1.StateReport.$Shape;

            /**
             * Decodes a StateReport message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.StateReport & streetlight.v1.StateReport.$Shape} StateReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.StateReport & streetlight.v1.StateReport.$Shape;

            /**
             * Verifies a StateReport message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a StateReport message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns StateReport
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.StateReport;

            /**
             * Creates a plain object from a StateReport message. Also converts values to other types if specified.
             * @param message StateReport
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.StateReport, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StateReport to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for StateReport
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace StateReport {

            /** Properties of a StateReport. */
            interface $Properties {

                /** StateReport level */
                level?: (number|null);

                /** StateReport targetLevel */
                targetLevel?: (number|null);

                /** StateReport source */
                source?: (streetlight.v1.LevelSource|null);

                /** StateReport plan */
                plan?: (streetlight.v1.PlanRef.$Properties|null);

                /** StateReport configVersion */
                configVersion?: (number|null);

                /** StateReport overrideId */
                overrideId?: (number|null);

                /** StateReport overrideExpiresAt */
                overrideExpiresAt?: (number|null);

                /** StateReport clock */
                clock?: (streetlight.v1.ClockStatus|null);

                /** StateReport uptimeS */
                uptimeS?: (number|null);

                /** StateReport powerMw */
                powerMw?: (number|null);

                /** StateReport reason */
                reason?: (streetlight.v1.ReportReason|null);

                /** StateReport clo */
                clo?: (streetlight.v1.CloStatus.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StateReport. */
            type $Shape = streetlight.v1.StateReport.$Properties;
        }

        /**
         * Properties of a CloStatus.
         * @deprecated Use streetlight.v1.CloStatus.$Properties instead.
         */
        interface ICloStatus extends streetlight.v1.CloStatus.$Properties {
        }

        /** Represents a CloStatus. */
        class CloStatus {

            /**
             * Constructs a new CloStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.CloStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CloStatus drivePermille. */
            drivePermille: number;

            /** CloStatus ledHours. */
            ledHours: number;

            /** CloStatus savedMwh. */
            savedMwh: number;

            /**
             * Creates a new CloStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CloStatus instance
             */
            static create(properties: streetlight.v1.CloStatus.$Shape): streetlight.v1.CloStatus & streetlight.v1.CloStatus.$Shape;
            static create(properties?: streetlight.v1.CloStatus.$Properties): streetlight.v1.CloStatus;

            /**
             * Encodes the specified CloStatus message. Does not implicitly {@link streetlight.v1.CloStatus.verify|verify} messages.
             * @param message CloStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.CloStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified CloStatus message, length delimited. Does not implicitly {@link streetlight.v1.CloStatus.verify|verify} messages.
             * @param message CloStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.CloStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CloStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.CloStatus & streetlight.v1.CloStatus.$Shape} CloStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.CloStatus & streetlight.v1.CloStatus.$Shape;

            /**
             * Decodes a CloStatus message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.CloStatus & streetlight.v1.CloStatus.$Shape} CloStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.CloStatus & streetlight.v1.CloStatus.$Shape;

            /**
             * Verifies a CloStatus message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a CloStatus message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CloStatus
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.CloStatus;

            /**
             * Creates a plain object from a CloStatus message. Also converts values to other types if specified.
             * @param message CloStatus
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.CloStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CloStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for CloStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace CloStatus {

            /** Properties of a CloStatus. */
            interface $Properties {

                /** CloStatus drivePermille */
                drivePermille?: (number|null);

                /** CloStatus ledHours */
                ledHours?: (number|null);

                /** CloStatus savedMwh */
                savedMwh?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CloStatus. */
            type $Shape = streetlight.v1.CloStatus.$Properties;
        }

        /**
         * Properties of an IntervalRecord.
         * @deprecated Use streetlight.v1.IntervalRecord.$Properties instead.
         */
        interface IIntervalRecord extends streetlight.v1.IntervalRecord.$Properties {
        }

        /** Represents an IntervalRecord. */
        class IntervalRecord {

            /**
             * Constructs a new IntervalRecord.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.IntervalRecord.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** IntervalRecord seq. */
            seq: number;

            /** IntervalRecord start. */
            start: number;

            /** IntervalRecord durationS. */
            durationS: number;

            /** IntervalRecord energyMwh. */
            energyMwh: number;

            /** IntervalRecord minPowerMw. */
            minPowerMw: number;

            /** IntervalRecord maxPowerMw. */
            maxPowerMw: number;

            /** IntervalRecord avgPowerMw. */
            avgPowerMw: number;

            /** IntervalRecord burningS. */
            burningS: number;

            /** IntervalRecord avgLevelX10. */
            avgLevelX10: number;

            /**
             * Creates a new IntervalRecord instance using the specified properties.
             * @param [properties] Properties to set
             * @returns IntervalRecord instance
             */
            static create(properties: streetlight.v1.IntervalRecord.$Shape): streetlight.v1.IntervalRecord & streetlight.v1.IntervalRecord.$Shape;
            static create(properties?: streetlight.v1.IntervalRecord.$Properties): streetlight.v1.IntervalRecord;

            /**
             * Encodes the specified IntervalRecord message. Does not implicitly {@link streetlight.v1.IntervalRecord.verify|verify} messages.
             * @param message IntervalRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.IntervalRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified IntervalRecord message, length delimited. Does not implicitly {@link streetlight.v1.IntervalRecord.verify|verify} messages.
             * @param message IntervalRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.IntervalRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an IntervalRecord message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.IntervalRecord & streetlight.v1.IntervalRecord.$Shape} IntervalRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.IntervalRecord & streetlight.v1.IntervalRecord.$Shape;

            /**
             * Decodes an IntervalRecord message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.IntervalRecord & streetlight.v1.IntervalRecord.$Shape} IntervalRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.IntervalRecord & streetlight.v1.IntervalRecord.$Shape;

            /**
             * Verifies an IntervalRecord message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an IntervalRecord message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns IntervalRecord
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.IntervalRecord;

            /**
             * Creates a plain object from an IntervalRecord message. Also converts values to other types if specified.
             * @param message IntervalRecord
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.IntervalRecord, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this IntervalRecord to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for IntervalRecord
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace IntervalRecord {

            /** Properties of an IntervalRecord. */
            interface $Properties {

                /** IntervalRecord seq */
                seq?: (number|null);

                /** IntervalRecord start */
                start?: (number|null);

                /** IntervalRecord durationS */
                durationS?: (number|null);

                /** IntervalRecord energyMwh */
                energyMwh?: (number|null);

                /** IntervalRecord minPowerMw */
                minPowerMw?: (number|null);

                /** IntervalRecord maxPowerMw */
                maxPowerMw?: (number|null);

                /** IntervalRecord avgPowerMw */
                avgPowerMw?: (number|null);

                /** IntervalRecord burningS */
                burningS?: (number|null);

                /** IntervalRecord avgLevelX10 */
                avgLevelX10?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an IntervalRecord. */
            type $Shape = streetlight.v1.IntervalRecord.$Properties;
        }

        /**
         * Properties of an EnergyReport.
         * @deprecated Use streetlight.v1.EnergyReport.$Properties instead.
         */
        interface IEnergyReport extends streetlight.v1.EnergyReport.$Properties {
        }

        /** Represents an EnergyReport. */
        class EnergyReport {

            /**
             * Constructs a new EnergyReport.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.EnergyReport.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** EnergyReport records. */
            records: streetlight.v1.IntervalRecord.$Properties[];

            /** EnergyReport energyTotalMwh. */
            energyTotalMwh: number;

            /** EnergyReport burningTotalS. */
            burningTotalS: number;

            /** EnergyReport switchCount. */
            switchCount: number;

            /** EnergyReport lostThroughSeq. */
            lostThroughSeq: number;

            /** EnergyReport logId. */
            logId: number;

            /**
             * Creates a new EnergyReport instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EnergyReport instance
             */
            static create(properties: streetlight.v1.EnergyReport.$Shape): streetlight.v1.EnergyReport & streetlight.v1.EnergyReport.$Shape;
            static create(properties?: streetlight.v1.EnergyReport.$Properties): streetlight.v1.EnergyReport;

            /**
             * Encodes the specified EnergyReport message. Does not implicitly {@link streetlight.v1.EnergyReport.verify|verify} messages.
             * @param message EnergyReport message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.EnergyReport.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified EnergyReport message, length delimited. Does not implicitly {@link streetlight.v1.EnergyReport.verify|verify} messages.
             * @param message EnergyReport message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.EnergyReport.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EnergyReport message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.EnergyReport & streetlight.v1.EnergyReport.$Shape} EnergyReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.EnergyReport & streetlight.v1.EnergyReport.$Shape;

            /**
             * Decodes an EnergyReport message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.EnergyReport & streetlight.v1.EnergyReport.$Shape} EnergyReport
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.EnergyReport & streetlight.v1.EnergyReport.$Shape;

            /**
             * Verifies an EnergyReport message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an EnergyReport message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns EnergyReport
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.EnergyReport;

            /**
             * Creates a plain object from an EnergyReport message. Also converts values to other types if specified.
             * @param message EnergyReport
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.EnergyReport, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EnergyReport to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for EnergyReport
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace EnergyReport {

            /** Properties of an EnergyReport. */
            interface $Properties {

                /** EnergyReport records */
                records?: (streetlight.v1.IntervalRecord.$Properties[]|null);

                /** EnergyReport energyTotalMwh */
                energyTotalMwh?: (number|null);

                /** EnergyReport burningTotalS */
                burningTotalS?: (number|null);

                /** EnergyReport switchCount */
                switchCount?: (number|null);

                /** EnergyReport lostThroughSeq */
                lostThroughSeq?: (number|null);

                /** EnergyReport logId */
                logId?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EnergyReport. */
            type $Shape = streetlight.v1.EnergyReport.$Properties;
        }

        /** EventType enum. */
        enum EventType {

            /** EVENT_TYPE_UNSPECIFIED value */
            EVENT_TYPE_UNSPECIFIED = 0,

            /** EVENT_TYPE_LAMP_FAILURE value */
            EVENT_TYPE_LAMP_FAILURE = 1,

            /** EVENT_TYPE_DAY_BURNER value */
            EVENT_TYPE_DAY_BURNER = 2,

            /** EVENT_TYPE_CYCLING value */
            EVENT_TYPE_CYCLING = 3,

            /** EVENT_TYPE_VOLTAGE_LOW value */
            EVENT_TYPE_VOLTAGE_LOW = 4,

            /** EVENT_TYPE_VOLTAGE_HIGH value */
            EVENT_TYPE_VOLTAGE_HIGH = 5,

            /** EVENT_TYPE_METER_FAULT value */
            EVENT_TYPE_METER_FAULT = 6,

            /** EVENT_TYPE_CLOCK_LOST value */
            EVENT_TYPE_CLOCK_LOST = 7,

            /** EVENT_TYPE_STORAGE_FAULT value */
            EVENT_TYPE_STORAGE_FAULT = 8,

            /** EVENT_TYPE_FRAME_REJECTED value */
            EVENT_TYPE_FRAME_REJECTED = 9,

            /** EVENT_TYPE_DRIVER_OVERTEMP value */
            EVENT_TYPE_DRIVER_OVERTEMP = 10,

            /** EVENT_TYPE_LED_FAILURE value */
            EVENT_TYPE_LED_FAILURE = 11,

            /** EVENT_TYPE_DRIVER_VOLTAGE value */
            EVENT_TYPE_DRIVER_VOLTAGE = 12,

            /** EVENT_TYPE_LED_END_OF_LIFE value */
            EVENT_TYPE_LED_END_OF_LIFE = 13,

            /** EVENT_TYPE_DALI_FAULT value */
            EVENT_TYPE_DALI_FAULT = 14
        }

        /**
         * Properties of a DeviceEvent.
         * @deprecated Use streetlight.v1.DeviceEvent.$Properties instead.
         */
        interface IDeviceEvent extends streetlight.v1.DeviceEvent.$Properties {
        }

        /** Represents a DeviceEvent. */
        class DeviceEvent {

            /**
             * Constructs a new DeviceEvent.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.DeviceEvent.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DeviceEvent eventSeq. */
            eventSeq: number;

            /** DeviceEvent type. */
            type: streetlight.v1.EventType;

            /** DeviceEvent active. */
            active: boolean;

            /** DeviceEvent time. */
            time: number;

            /** DeviceEvent value. */
            value: number;

            /** DeviceEvent detail. */
            detail: string;

            /**
             * Creates a new DeviceEvent instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DeviceEvent instance
             */
            static create(properties: streetlight.v1.DeviceEvent.$Shape): streetlight.v1.DeviceEvent & streetlight.v1.DeviceEvent.$Shape;
            static create(properties?: streetlight.v1.DeviceEvent.$Properties): streetlight.v1.DeviceEvent;

            /**
             * Encodes the specified DeviceEvent message. Does not implicitly {@link streetlight.v1.DeviceEvent.verify|verify} messages.
             * @param message DeviceEvent message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.DeviceEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified DeviceEvent message, length delimited. Does not implicitly {@link streetlight.v1.DeviceEvent.verify|verify} messages.
             * @param message DeviceEvent message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.DeviceEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DeviceEvent message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.DeviceEvent & streetlight.v1.DeviceEvent.$Shape} DeviceEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.DeviceEvent & streetlight.v1.DeviceEvent.$Shape;

            /**
             * Decodes a DeviceEvent message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.DeviceEvent & streetlight.v1.DeviceEvent.$Shape} DeviceEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.DeviceEvent & streetlight.v1.DeviceEvent.$Shape;

            /**
             * Verifies a DeviceEvent message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a DeviceEvent message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DeviceEvent
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.DeviceEvent;

            /**
             * Creates a plain object from a DeviceEvent message. Also converts values to other types if specified.
             * @param message DeviceEvent
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.DeviceEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DeviceEvent to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for DeviceEvent
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DeviceEvent {

            /** Properties of a DeviceEvent. */
            interface $Properties {

                /** DeviceEvent eventSeq */
                eventSeq?: (number|null);

                /** DeviceEvent type */
                type?: (streetlight.v1.EventType|null);

                /** DeviceEvent active */
                active?: (boolean|null);

                /** DeviceEvent time */
                time?: (number|null);

                /** DeviceEvent value */
                value?: (number|null);

                /** DeviceEvent detail */
                detail?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DeviceEvent. */
            type $Shape = streetlight.v1.DeviceEvent.$Properties;
        }

        /** AckStatus enum. */
        enum AckStatus {

            /** ACK_STATUS_UNSPECIFIED value */
            ACK_STATUS_UNSPECIFIED = 0,

            /** ACK_STATUS_OK value */
            ACK_STATUS_OK = 1,

            /** ACK_STATUS_REJECTED value */
            ACK_STATUS_REJECTED = 2,

            /** ACK_STATUS_UNSUPPORTED value */
            ACK_STATUS_UNSUPPORTED = 3,

            /** ACK_STATUS_INVALID value */
            ACK_STATUS_INVALID = 4
        }

        /**
         * Properties of a CommandAck.
         * @deprecated Use streetlight.v1.CommandAck.$Properties instead.
         */
        interface ICommandAck extends streetlight.v1.CommandAck.$Properties {
        }

        /** Represents a CommandAck. */
        class CommandAck {

            /**
             * Constructs a new CommandAck.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.CommandAck.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CommandAck downlinkSeq. */
            downlinkSeq: number;

            /** CommandAck status. */
            status: streetlight.v1.AckStatus;

            /** CommandAck detail. */
            detail: string;

            /**
             * Creates a new CommandAck instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CommandAck instance
             */
            static create(properties: streetlight.v1.CommandAck.$Shape): streetlight.v1.CommandAck & streetlight.v1.CommandAck.$Shape;
            static create(properties?: streetlight.v1.CommandAck.$Properties): streetlight.v1.CommandAck;

            /**
             * Encodes the specified CommandAck message. Does not implicitly {@link streetlight.v1.CommandAck.verify|verify} messages.
             * @param message CommandAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.CommandAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified CommandAck message, length delimited. Does not implicitly {@link streetlight.v1.CommandAck.verify|verify} messages.
             * @param message CommandAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.CommandAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CommandAck message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.CommandAck & streetlight.v1.CommandAck.$Shape} CommandAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.CommandAck & streetlight.v1.CommandAck.$Shape;

            /**
             * Decodes a CommandAck message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.CommandAck & streetlight.v1.CommandAck.$Shape} CommandAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.CommandAck & streetlight.v1.CommandAck.$Shape;

            /**
             * Verifies a CommandAck message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a CommandAck message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CommandAck
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.CommandAck;

            /**
             * Creates a plain object from a CommandAck message. Also converts values to other types if specified.
             * @param message CommandAck
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.CommandAck, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CommandAck to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for CommandAck
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace CommandAck {

            /** Properties of a CommandAck. */
            interface $Properties {

                /** CommandAck downlinkSeq */
                downlinkSeq?: (number|null);

                /** CommandAck status */
                status?: (streetlight.v1.AckStatus|null);

                /** CommandAck detail */
                detail?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CommandAck. */
            type $Shape = streetlight.v1.CommandAck.$Properties;
        }

        /** OtaState enum. */
        enum OtaState {

            /** OTA_STATE_UNSPECIFIED value */
            OTA_STATE_UNSPECIFIED = 0,

            /** OTA_STATE_IDLE value */
            OTA_STATE_IDLE = 1,

            /** OTA_STATE_DOWNLOADING value */
            OTA_STATE_DOWNLOADING = 2,

            /** OTA_STATE_VERIFYING value */
            OTA_STATE_VERIFYING = 3,

            /** OTA_STATE_INSTALLING value */
            OTA_STATE_INSTALLING = 4,

            /** OTA_STATE_REBOOTING value */
            OTA_STATE_REBOOTING = 5,

            /** OTA_STATE_CONFIRMED value */
            OTA_STATE_CONFIRMED = 6,

            /** OTA_STATE_ROLLED_BACK value */
            OTA_STATE_ROLLED_BACK = 7,

            /** OTA_STATE_FAILED value */
            OTA_STATE_FAILED = 8,

            /** OTA_STATE_DEFERRED value */
            OTA_STATE_DEFERRED = 9
        }

        /**
         * Properties of an OtaStatus.
         * @deprecated Use streetlight.v1.OtaStatus.$Properties instead.
         */
        interface IOtaStatus extends streetlight.v1.OtaStatus.$Properties {
        }

        /** Represents an OtaStatus. */
        class OtaStatus {

            /**
             * Constructs a new OtaStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.OtaStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OtaStatus imageId. */
            imageId: number;

            /** OtaStatus state. */
            state: streetlight.v1.OtaState;

            /** OtaStatus offset. */
            offset: number;

            /** OtaStatus reason. */
            reason: string;

            /** OtaStatus runningVersion. */
            runningVersion: string;

            /**
             * Creates a new OtaStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OtaStatus instance
             */
            static create(properties: streetlight.v1.OtaStatus.$Shape): streetlight.v1.OtaStatus & streetlight.v1.OtaStatus.$Shape;
            static create(properties?: streetlight.v1.OtaStatus.$Properties): streetlight.v1.OtaStatus;

            /**
             * Encodes the specified OtaStatus message. Does not implicitly {@link streetlight.v1.OtaStatus.verify|verify} messages.
             * @param message OtaStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.OtaStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified OtaStatus message, length delimited. Does not implicitly {@link streetlight.v1.OtaStatus.verify|verify} messages.
             * @param message OtaStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.OtaStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OtaStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.OtaStatus & streetlight.v1.OtaStatus.$Shape} OtaStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.OtaStatus & streetlight.v1.OtaStatus.$Shape;

            /**
             * Decodes an OtaStatus message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.OtaStatus & streetlight.v1.OtaStatus.$Shape} OtaStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.OtaStatus & streetlight.v1.OtaStatus.$Shape;

            /**
             * Verifies an OtaStatus message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an OtaStatus message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns OtaStatus
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.OtaStatus;

            /**
             * Creates a plain object from an OtaStatus message. Also converts values to other types if specified.
             * @param message OtaStatus
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.OtaStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this OtaStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for OtaStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace OtaStatus {

            /** Properties of an OtaStatus. */
            interface $Properties {

                /** OtaStatus imageId */
                imageId?: (number|null);

                /** OtaStatus state */
                state?: (streetlight.v1.OtaState|null);

                /** OtaStatus offset */
                offset?: (number|null);

                /** OtaStatus reason */
                reason?: (string|null);

                /** OtaStatus runningVersion */
                runningVersion?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OtaStatus. */
            type $Shape = streetlight.v1.OtaStatus.$Properties;
        }

        /**
         * Properties of a Downlink.
         * @deprecated Use streetlight.v1.Downlink.$Properties instead.
         */
        interface IDownlink extends streetlight.v1.Downlink.$Properties {
        }

        /** Represents a Downlink. */
        class Downlink {

            /**
             * Constructs a new Downlink.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.Downlink.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Downlink protocolVersion. */
            protocolVersion: number;

            /** Downlink deviceId. */
            deviceId: string;

            /** Downlink seq. */
            seq: number;

            /** Downlink time. */
            time: number;

            /** Downlink mac. */
            mac: Uint8Array;

            /** Downlink config. */
            config?: (streetlight.v1.SetConfig.$Properties|null);

            /** Downlink plan. */
            plan?: (streetlight.v1.SetPlan.$Properties|null);

            /** Downlink command. */
            command?: (streetlight.v1.Command.$Properties|null);

            /** Downlink otaOffer. */
            otaOffer?: (streetlight.v1.OtaOffer.$Properties|null);

            /** Downlink otaChunk. */
            otaChunk?: (streetlight.v1.OtaChunk.$Properties|null);

            /** Downlink energyAck. */
            energyAck?: (streetlight.v1.EnergyAck.$Properties|null);

            /** Downlink timeSync. */
            timeSync?: (streetlight.v1.TimeSync.$Properties|null);

            /** Downlink body. */
            body?: ("config"|"plan"|"command"|"otaOffer"|"otaChunk"|"energyAck"|"timeSync");

            /**
             * Creates a new Downlink instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Downlink instance
             */
            static create(properties: streetlight.v1.Downlink.$Shape): streetlight.v1.Downlink & streetlight.v1.Downlink.$Shape;
            static create(properties?: streetlight.v1.Downlink.$Properties): streetlight.v1.Downlink;

            /**
             * Encodes the specified Downlink message. Does not implicitly {@link streetlight.v1.Downlink.verify|verify} messages.
             * @param message Downlink message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.Downlink.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Downlink message, length delimited. Does not implicitly {@link streetlight.v1.Downlink.verify|verify} messages.
             * @param message Downlink message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.Downlink.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Downlink message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.Downlink & streetlight.v1.Downlink.$Shape} Downlink
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.Downlink & streetlight.v1.Downlink.$Shape;

            /**
             * Decodes a Downlink message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.Downlink & streetlight.v1.Downlink.$Shape} Downlink
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.Downlink & streetlight.v1.Downlink.$Shape;

            /**
             * Verifies a Downlink message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Downlink message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Downlink
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.Downlink;

            /**
             * Creates a plain object from a Downlink message. Also converts values to other types if specified.
             * @param message Downlink
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.Downlink, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Downlink to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Downlink
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Downlink {

            /** Properties of a Downlink. */
            interface $Properties {

                /** Downlink protocolVersion */
                protocolVersion?: (number|null);

                /** Downlink deviceId */
                deviceId?: (string|null);

                /** Downlink seq */
                seq?: (number|null);

                /** Downlink time */
                time?: (number|null);

                /** Downlink mac */
                mac?: (Uint8Array|null);

                /** Downlink config */
                config?: (streetlight.v1.SetConfig.$Properties|null);

                /** Downlink plan */
                plan?: (streetlight.v1.SetPlan.$Properties|null);

                /** Downlink command */
                command?: (streetlight.v1.Command.$Properties|null);

                /** Downlink otaOffer */
                otaOffer?: (streetlight.v1.OtaOffer.$Properties|null);

                /** Downlink otaChunk */
                otaChunk?: (streetlight.v1.OtaChunk.$Properties|null);

                /** Downlink energyAck */
                energyAck?: (streetlight.v1.EnergyAck.$Properties|null);

                /** Downlink timeSync */
                timeSync?: (streetlight.v1.TimeSync.$Properties|null);

                /** Downlink body */
                body?: ("config"|"plan"|"command"|"otaOffer"|"otaChunk"|"energyAck"|"timeSync");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a Downlink. */
            type $Shape = {
              protocolVersion?: number|null;
              deviceId?: string|null;
              seq?: number|null;
              time?: number|null;
              mac?: Uint8Array|null;
              config?: streetlight.v1.SetConfig.$Shape|null;
              plan?: streetlight.v1.SetPlan.$Shape|null;
              command?: streetlight.v1.Command.$Shape|null;
              otaOffer?: streetlight.v1.OtaOffer.$Shape|null;
              otaChunk?: streetlight.v1.OtaChunk.$Shape|null;
              energyAck?: streetlight.v1.EnergyAck.$Shape|null;
              timeSync?: streetlight.v1.TimeSync.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; config?: null; plan?: null; command?: null; otaOffer?: null; otaChunk?: null; energyAck?: null; timeSync?: null }|{ body?: "config"; config: streetlight.v1.SetConfig.$Shape; plan?: null; command?: null; otaOffer?: null; otaChunk?: null; energyAck?: null; timeSync?: null }|{ body?: "plan"; config?: null; plan: streetlight.v1.SetPlan.$Shape; command?: null; otaOffer?: null; otaChunk?: null; energyAck?: null; timeSync?: null }|{ body?: "command"; config?: null; plan?: null; command: streetlight.v1.Command.$Shape; otaOffer?: null; otaChunk?: null; energyAck?: null; timeSync?: null }|{ body?: "otaOffer"; config?: null; plan?: null; command?: null; otaOffer: streetlight.v1.OtaOffer.$Shape; otaChunk?: null; energyAck?: null; timeSync?: null }|{ body?: "otaChunk"; config?: null; plan?: null; command?: null; otaOffer?: null; otaChunk: streetlight.v1.OtaChunk.$Shape; energyAck?: null; timeSync?: null }|{ body?: "energyAck"; config?: null; plan?: null; command?: null; otaOffer?: null; otaChunk?: null; energyAck: streetlight.v1.EnergyAck.$Shape; timeSync?: null }|{ body?: "timeSync"; config?: null; plan?: null; command?: null; otaOffer?: null; otaChunk?: null; energyAck?: null; timeSync: streetlight.v1.TimeSync.$Shape })
            );
        }

        /** DimCurve enum. */
        enum DimCurve {

            /** DIM_CURVE_UNSPECIFIED value */
            DIM_CURVE_UNSPECIFIED = 0,

            /** DIM_CURVE_LINEAR value */
            DIM_CURVE_LINEAR = 1,

            /** DIM_CURVE_LOGARITHMIC value */
            DIM_CURVE_LOGARITHMIC = 2
        }

        /**
         * Properties of a SetConfig.
         * @deprecated Use streetlight.v1.SetConfig.$Properties instead.
         */
        interface ISetConfig extends streetlight.v1.SetConfig.$Properties {
        }

        /** Represents a SetConfig. */
        class SetConfig {

            /**
             * Constructs a new SetConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.SetConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SetConfig version. */
            version: number;

            /** SetConfig tz. */
            tz: string;

            /** SetConfig latitudeE6. */
            latitudeE6: number;

            /** SetConfig longitudeE6. */
            longitudeE6: number;

            /** SetConfig stateIntervalS. */
            stateIntervalS: number;

            /** SetConfig energyIntervalS. */
            energyIntervalS: number;

            /** SetConfig fallbackLevel. */
            fallbackLevel: number;

            /** SetConfig curve. */
            curve: streetlight.v1.DimCurve;

            /** SetConfig minLevel. */
            minLevel: number;

            /** SetConfig nominalPowerW. */
            nominalPowerW: number;

            /** SetConfig fadeDefaultS. */
            fadeDefaultS: number;

            /** SetConfig cloLxxPct. */
            cloLxxPct: number;

            /** SetConfig cloRatedH. */
            cloRatedH: number;

            /** SetConfig ledHoursOffset. */
            ledHoursOffset: number;

            /**
             * Creates a new SetConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SetConfig instance
             */
            static create(properties: streetlight.v1.SetConfig.$Shape): streetlight.v1.SetConfig & streetlight.v1.SetConfig.$Shape;
            static create(properties?: streetlight.v1.SetConfig.$Properties): streetlight.v1.SetConfig;

            /**
             * Encodes the specified SetConfig message. Does not implicitly {@link streetlight.v1.SetConfig.verify|verify} messages.
             * @param message SetConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.SetConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified SetConfig message, length delimited. Does not implicitly {@link streetlight.v1.SetConfig.verify|verify} messages.
             * @param message SetConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.SetConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SetConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.SetConfig & streetlight.v1.SetConfig.$Shape} SetConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.SetConfig & streetlight.v1.SetConfig.$Shape;

            /**
             * Decodes a SetConfig message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.SetConfig & streetlight.v1.SetConfig.$Shape} SetConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.SetConfig & streetlight.v1.SetConfig.$Shape;

            /**
             * Verifies a SetConfig message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a SetConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SetConfig
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.SetConfig;

            /**
             * Creates a plain object from a SetConfig message. Also converts values to other types if specified.
             * @param message SetConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.SetConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SetConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SetConfig
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SetConfig {

            /** Properties of a SetConfig. */
            interface $Properties {

                /** SetConfig version */
                version?: (number|null);

                /** SetConfig tz */
                tz?: (string|null);

                /** SetConfig latitudeE6 */
                latitudeE6?: (number|null);

                /** SetConfig longitudeE6 */
                longitudeE6?: (number|null);

                /** SetConfig stateIntervalS */
                stateIntervalS?: (number|null);

                /** SetConfig energyIntervalS */
                energyIntervalS?: (number|null);

                /** SetConfig fallbackLevel */
                fallbackLevel?: (number|null);

                /** SetConfig curve */
                curve?: (streetlight.v1.DimCurve|null);

                /** SetConfig minLevel */
                minLevel?: (number|null);

                /** SetConfig nominalPowerW */
                nominalPowerW?: (number|null);

                /** SetConfig fadeDefaultS */
                fadeDefaultS?: (number|null);

                /** SetConfig cloLxxPct */
                cloLxxPct?: (number|null);

                /** SetConfig cloRatedH */
                cloRatedH?: (number|null);

                /** SetConfig ledHoursOffset */
                ledHoursOffset?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SetConfig. */
            type $Shape = streetlight.v1.SetConfig.$Properties;
        }

        /** Anchor enum. */
        enum Anchor {

            /** ANCHOR_UNSPECIFIED value */
            ANCHOR_UNSPECIFIED = 0,

            /** ANCHOR_CLOCK value */
            ANCHOR_CLOCK = 1,

            /** ANCHOR_SUNSET value */
            ANCHOR_SUNSET = 2,

            /** ANCHOR_SUNRISE value */
            ANCHOR_SUNRISE = 3,

            /** ANCHOR_CIVIL_DUSK value */
            ANCHOR_CIVIL_DUSK = 4,

            /** ANCHOR_CIVIL_DAWN value */
            ANCHOR_CIVIL_DAWN = 5
        }

        /**
         * Properties of a PlanStep.
         * @deprecated Use streetlight.v1.PlanStep.$Properties instead.
         */
        interface IPlanStep extends streetlight.v1.PlanStep.$Properties {
        }

        /** Represents a PlanStep. */
        class PlanStep {

            /**
             * Constructs a new PlanStep.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.PlanStep.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PlanStep anchor. */
            anchor: streetlight.v1.Anchor;

            /** PlanStep offsetMin. */
            offsetMin: number;

            /** PlanStep level. */
            level: number;

            /** PlanStep fadeS. */
            fadeS: number;

            /** PlanStep presence. */
            presence?: (streetlight.v1.PresenceMode.$Properties|null);

            /**
             * Creates a new PlanStep instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PlanStep instance
             */
            static create(properties: streetlight.v1.PlanStep.$Shape): streetlight.v1.PlanStep & streetlight.v1.PlanStep.$Shape;
            static create(properties?: streetlight.v1.PlanStep.$Properties): streetlight.v1.PlanStep;

            /**
             * Encodes the specified PlanStep message. Does not implicitly {@link streetlight.v1.PlanStep.verify|verify} messages.
             * @param message PlanStep message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.PlanStep.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PlanStep message, length delimited. Does not implicitly {@link streetlight.v1.PlanStep.verify|verify} messages.
             * @param message PlanStep message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.PlanStep.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PlanStep message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.PlanStep & streetlight.v1.PlanStep.$Shape} PlanStep
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.PlanStep & streetlight.v1.PlanStep.$Shape;

            /**
             * Decodes a PlanStep message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.PlanStep & streetlight.v1.PlanStep.$Shape} PlanStep
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.PlanStep & streetlight.v1.PlanStep.$Shape;

            /**
             * Verifies a PlanStep message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a PlanStep message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PlanStep
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.PlanStep;

            /**
             * Creates a plain object from a PlanStep message. Also converts values to other types if specified.
             * @param message PlanStep
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.PlanStep, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PlanStep to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PlanStep
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PlanStep {

            /** Properties of a PlanStep. */
            interface $Properties {

                /** PlanStep anchor */
                anchor?: (streetlight.v1.Anchor|null);

                /** PlanStep offsetMin */
                offsetMin?: (number|null);

                /** PlanStep level */
                level?: (number|null);

                /** PlanStep fadeS */
                fadeS?: (number|null);

                /** PlanStep presence */
                presence?: (streetlight.v1.PresenceMode.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PlanStep. */
            type $Shape = streetlight.v1.PlanStep.$Properties;
        }

        /**
         * Properties of a PresenceMode.
         * @deprecated Use streetlight.v1.PresenceMode.$Properties instead.
         */
        interface IPresenceMode extends streetlight.v1.PresenceMode.$Properties {
        }

        /** Represents a PresenceMode. */
        class PresenceMode {

            /**
             * Constructs a new PresenceMode.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.PresenceMode.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PresenceMode baseLevel. */
            baseLevel: number;

            /** PresenceMode holdS. */
            holdS: number;

            /** PresenceMode fadeUpS. */
            fadeUpS: number;

            /** PresenceMode fadeDownS. */
            fadeDownS: number;

            /** PresenceMode anticipatePct. */
            anticipatePct: number;

            /** PresenceMode prelightLevel. */
            prelightLevel: number;

            /**
             * Creates a new PresenceMode instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PresenceMode instance
             */
            static create(properties: streetlight.v1.PresenceMode.$Shape): streetlight.v1.PresenceMode & streetlight.v1.PresenceMode.$Shape;
            static create(properties?: streetlight.v1.PresenceMode.$Properties): streetlight.v1.PresenceMode;

            /**
             * Encodes the specified PresenceMode message. Does not implicitly {@link streetlight.v1.PresenceMode.verify|verify} messages.
             * @param message PresenceMode message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.PresenceMode.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PresenceMode message, length delimited. Does not implicitly {@link streetlight.v1.PresenceMode.verify|verify} messages.
             * @param message PresenceMode message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.PresenceMode.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PresenceMode message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.PresenceMode & streetlight.v1.PresenceMode.$Shape} PresenceMode
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.PresenceMode & streetlight.v1.PresenceMode.$Shape;

            /**
             * Decodes a PresenceMode message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.PresenceMode & streetlight.v1.PresenceMode.$Shape} PresenceMode
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.PresenceMode & streetlight.v1.PresenceMode.$Shape;

            /**
             * Verifies a PresenceMode message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a PresenceMode message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PresenceMode
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.PresenceMode;

            /**
             * Creates a plain object from a PresenceMode message. Also converts values to other types if specified.
             * @param message PresenceMode
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.PresenceMode, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PresenceMode to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PresenceMode
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PresenceMode {

            /** Properties of a PresenceMode. */
            interface $Properties {

                /** PresenceMode baseLevel */
                baseLevel?: (number|null);

                /** PresenceMode holdS */
                holdS?: (number|null);

                /** PresenceMode fadeUpS */
                fadeUpS?: (number|null);

                /** PresenceMode fadeDownS */
                fadeDownS?: (number|null);

                /** PresenceMode anticipatePct */
                anticipatePct?: (number|null);

                /** PresenceMode prelightLevel */
                prelightLevel?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PresenceMode. */
            type $Shape = streetlight.v1.PresenceMode.$Properties;
        }

        /**
         * Properties of a DayProgram.
         * @deprecated Use streetlight.v1.DayProgram.$Properties instead.
         */
        interface IDayProgram extends streetlight.v1.DayProgram.$Properties {
        }

        /** Represents a DayProgram. */
        class DayProgram {

            /**
             * Constructs a new DayProgram.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.DayProgram.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DayProgram id. */
            id: number;

            /** DayProgram steps. */
            steps: streetlight.v1.PlanStep.$Properties[];

            /**
             * Creates a new DayProgram instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DayProgram instance
             */
            static create(properties: streetlight.v1.DayProgram.$Shape): streetlight.v1.DayProgram & streetlight.v1.DayProgram.$Shape;
            static create(properties?: streetlight.v1.DayProgram.$Properties): streetlight.v1.DayProgram;

            /**
             * Encodes the specified DayProgram message. Does not implicitly {@link streetlight.v1.DayProgram.verify|verify} messages.
             * @param message DayProgram message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.DayProgram.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified DayProgram message, length delimited. Does not implicitly {@link streetlight.v1.DayProgram.verify|verify} messages.
             * @param message DayProgram message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.DayProgram.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DayProgram message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.DayProgram & streetlight.v1.DayProgram.$Shape} DayProgram
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.DayProgram & streetlight.v1.DayProgram.$Shape;

            /**
             * Decodes a DayProgram message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.DayProgram & streetlight.v1.DayProgram.$Shape} DayProgram
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.DayProgram & streetlight.v1.DayProgram.$Shape;

            /**
             * Verifies a DayProgram message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a DayProgram message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DayProgram
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.DayProgram;

            /**
             * Creates a plain object from a DayProgram message. Also converts values to other types if specified.
             * @param message DayProgram
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.DayProgram, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DayProgram to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for DayProgram
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DayProgram {

            /** Properties of a DayProgram. */
            interface $Properties {

                /** DayProgram id */
                id?: (number|null);

                /** DayProgram steps */
                steps?: (streetlight.v1.PlanStep.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DayProgram. */
            type $Shape = streetlight.v1.DayProgram.$Properties;
        }

        /**
         * Properties of a CalendarRule.
         * @deprecated Use streetlight.v1.CalendarRule.$Properties instead.
         */
        interface ICalendarRule extends streetlight.v1.CalendarRule.$Properties {
        }

        /** Represents a CalendarRule. */
        class CalendarRule {

            /**
             * Constructs a new CalendarRule.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.CalendarRule.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CalendarRule programId. */
            programId: number;

            /** CalendarRule weekdayMask. */
            weekdayMask: number;

            /** CalendarRule dates. */
            dates: number[];

            /** CalendarRule priority. */
            priority: number;

            /**
             * Creates a new CalendarRule instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CalendarRule instance
             */
            static create(properties: streetlight.v1.CalendarRule.$Shape): streetlight.v1.CalendarRule & streetlight.v1.CalendarRule.$Shape;
            static create(properties?: streetlight.v1.CalendarRule.$Properties): streetlight.v1.CalendarRule;

            /**
             * Encodes the specified CalendarRule message. Does not implicitly {@link streetlight.v1.CalendarRule.verify|verify} messages.
             * @param message CalendarRule message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.CalendarRule.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified CalendarRule message, length delimited. Does not implicitly {@link streetlight.v1.CalendarRule.verify|verify} messages.
             * @param message CalendarRule message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.CalendarRule.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CalendarRule message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.CalendarRule & streetlight.v1.CalendarRule.$Shape} CalendarRule
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.CalendarRule & streetlight.v1.CalendarRule.$Shape;

            /**
             * Decodes a CalendarRule message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.CalendarRule & streetlight.v1.CalendarRule.$Shape} CalendarRule
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.CalendarRule & streetlight.v1.CalendarRule.$Shape;

            /**
             * Verifies a CalendarRule message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a CalendarRule message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CalendarRule
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.CalendarRule;

            /**
             * Creates a plain object from a CalendarRule message. Also converts values to other types if specified.
             * @param message CalendarRule
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.CalendarRule, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CalendarRule to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for CalendarRule
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace CalendarRule {

            /** Properties of a CalendarRule. */
            interface $Properties {

                /** CalendarRule programId */
                programId?: (number|null);

                /** CalendarRule weekdayMask */
                weekdayMask?: (number|null);

                /** CalendarRule dates */
                dates?: (number[]|null);

                /** CalendarRule priority */
                priority?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CalendarRule. */
            type $Shape = streetlight.v1.CalendarRule.$Properties;
        }

        /**
         * Properties of a Plan.
         * @deprecated Use streetlight.v1.Plan.$Properties instead.
         */
        interface IPlan extends streetlight.v1.Plan.$Properties {
        }

        /** Represents a Plan. */
        class Plan {

            /**
             * Constructs a new Plan.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.Plan.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Plan id. */
            id: number;

            /** Plan version. */
            version: number;

            /** Plan programs. */
            programs: streetlight.v1.DayProgram.$Properties[];

            /** Plan rules. */
            rules: streetlight.v1.CalendarRule.$Properties[];

            /** Plan defaultProgramId. */
            defaultProgramId: number;

            /**
             * Creates a new Plan instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Plan instance
             */
            static create(properties: streetlight.v1.Plan.$Shape): streetlight.v1.Plan & streetlight.v1.Plan.$Shape;
            static create(properties?: streetlight.v1.Plan.$Properties): streetlight.v1.Plan;

            /**
             * Encodes the specified Plan message. Does not implicitly {@link streetlight.v1.Plan.verify|verify} messages.
             * @param message Plan message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.Plan.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Plan message, length delimited. Does not implicitly {@link streetlight.v1.Plan.verify|verify} messages.
             * @param message Plan message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.Plan.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Plan message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.Plan & streetlight.v1.Plan.$Shape} Plan
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.Plan & streetlight.v1.Plan.$Shape;

            /**
             * Decodes a Plan message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.Plan & streetlight.v1.Plan.$Shape} Plan
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.Plan & streetlight.v1.Plan.$Shape;

            /**
             * Verifies a Plan message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Plan message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Plan
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.Plan;

            /**
             * Creates a plain object from a Plan message. Also converts values to other types if specified.
             * @param message Plan
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.Plan, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Plan to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Plan
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Plan {

            /** Properties of a Plan. */
            interface $Properties {

                /** Plan id */
                id?: (number|null);

                /** Plan version */
                version?: (number|null);

                /** Plan programs */
                programs?: (streetlight.v1.DayProgram.$Properties[]|null);

                /** Plan rules */
                rules?: (streetlight.v1.CalendarRule.$Properties[]|null);

                /** Plan defaultProgramId */
                defaultProgramId?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Plan. */
            type $Shape = streetlight.v1.Plan.$Properties;
        }

        /**
         * Properties of a SetPlan.
         * @deprecated Use streetlight.v1.SetPlan.$Properties instead.
         */
        interface ISetPlan extends streetlight.v1.SetPlan.$Properties {
        }

        /** Represents a SetPlan. */
        class SetPlan {

            /**
             * Constructs a new SetPlan.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.SetPlan.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SetPlan plan. */
            plan?: (streetlight.v1.Plan.$Properties|null);

            /**
             * Creates a new SetPlan instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SetPlan instance
             */
            static create(properties: streetlight.v1.SetPlan.$Shape): streetlight.v1.SetPlan & streetlight.v1.SetPlan.$Shape;
            static create(properties?: streetlight.v1.SetPlan.$Properties): streetlight.v1.SetPlan;

            /**
             * Encodes the specified SetPlan message. Does not implicitly {@link streetlight.v1.SetPlan.verify|verify} messages.
             * @param message SetPlan message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.SetPlan.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified SetPlan message, length delimited. Does not implicitly {@link streetlight.v1.SetPlan.verify|verify} messages.
             * @param message SetPlan message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.SetPlan.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SetPlan message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.SetPlan & streetlight.v1.SetPlan.$Shape} SetPlan
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.SetPlan & streetlight.v1.SetPlan.$Shape;

            /**
             * Decodes a SetPlan message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.SetPlan & streetlight.v1.SetPlan.$Shape} SetPlan
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.SetPlan & streetlight.v1.SetPlan.$Shape;

            /**
             * Verifies a SetPlan message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a SetPlan message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SetPlan
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.SetPlan;

            /**
             * Creates a plain object from a SetPlan message. Also converts values to other types if specified.
             * @param message SetPlan
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.SetPlan, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SetPlan to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SetPlan
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SetPlan {

            /** Properties of a SetPlan. */
            interface $Properties {

                /** SetPlan plan */
                plan?: (streetlight.v1.Plan.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SetPlan. */
            type $Shape = streetlight.v1.SetPlan.$Properties;
        }

        /**
         * Properties of an Override.
         * @deprecated Use streetlight.v1.Override.$Properties instead.
         */
        interface IOverride extends streetlight.v1.Override.$Properties {
        }

        /** Represents an Override. */
        class Override {

            /**
             * Constructs a new Override.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.Override.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Override id. */
            id: number;

            /** Override level. */
            level: number;

            /** Override expiresAt. */
            expiresAt: number;

            /** Override fadeS. */
            fadeS: number;

            /**
             * Creates a new Override instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Override instance
             */
            static create(properties: streetlight.v1.Override.$Shape): streetlight.v1.Override & streetlight.v1.Override.$Shape;
            static create(properties?: streetlight.v1.Override.$Properties): streetlight.v1.Override;

            /**
             * Encodes the specified Override message. Does not implicitly {@link streetlight.v1.Override.verify|verify} messages.
             * @param message Override message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.Override.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Override message, length delimited. Does not implicitly {@link streetlight.v1.Override.verify|verify} messages.
             * @param message Override message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.Override.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Override message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.Override & streetlight.v1.Override.$Shape} Override
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.Override & streetlight.v1.Override.$Shape;

            /**
             * Decodes an Override message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.Override & streetlight.v1.Override.$Shape} Override
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.Override & streetlight.v1.Override.$Shape;

            /**
             * Verifies an Override message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an Override message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Override
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.Override;

            /**
             * Creates a plain object from an Override message. Also converts values to other types if specified.
             * @param message Override
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.Override, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Override to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Override
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Override {

            /** Properties of an Override. */
            interface $Properties {

                /** Override id */
                id?: (number|null);

                /** Override level */
                level?: (number|null);

                /** Override expiresAt */
                expiresAt?: (number|null);

                /** Override fadeS */
                fadeS?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Override. */
            type $Shape = streetlight.v1.Override.$Properties;
        }

        /**
         * Properties of a Command.
         * @deprecated Use streetlight.v1.Command.$Properties instead.
         */
        interface ICommand extends streetlight.v1.Command.$Properties {
        }

        /** Represents a Command. */
        class Command {

            /**
             * Constructs a new Command.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.Command.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Command setOverride. */
            setOverride?: (streetlight.v1.Override.$Properties|null);

            /** Command clearOverride. */
            clearOverride?: (number|null);

            /** Command reboot. */
            reboot?: (boolean|null);

            /** Command requestReport. */
            requestReport?: (boolean|null);

            /** Command presenceAhead. */
            presenceAhead?: (streetlight.v1.PresenceAhead.$Properties|null);

            /** Command readLuminaire. */
            readLuminaire?: (boolean|null);

            /** Command action. */
            action?: ("setOverride"|"clearOverride"|"reboot"|"requestReport"|"presenceAhead"|"readLuminaire");

            /**
             * Creates a new Command instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Command instance
             */
            static create(properties: streetlight.v1.Command.$Shape): streetlight.v1.Command & streetlight.v1.Command.$Shape;
            static create(properties?: streetlight.v1.Command.$Properties): streetlight.v1.Command;

            /**
             * Encodes the specified Command message. Does not implicitly {@link streetlight.v1.Command.verify|verify} messages.
             * @param message Command message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.Command.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Command message, length delimited. Does not implicitly {@link streetlight.v1.Command.verify|verify} messages.
             * @param message Command message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.Command.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Command message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.Command & streetlight.v1.Command.$Shape} Command
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.Command & streetlight.v1.Command.$Shape;

            /**
             * Decodes a Command message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.Command & streetlight.v1.Command.$Shape} Command
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.Command & streetlight.v1.Command.$Shape;

            /**
             * Verifies a Command message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Command message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Command
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.Command;

            /**
             * Creates a plain object from a Command message. Also converts values to other types if specified.
             * @param message Command
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.Command, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Command to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Command
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Command {

            /** Properties of a Command. */
            interface $Properties {

                /** Command setOverride */
                setOverride?: (streetlight.v1.Override.$Properties|null);

                /** Command clearOverride */
                clearOverride?: (number|null);

                /** Command reboot */
                reboot?: (boolean|null);

                /** Command requestReport */
                requestReport?: (boolean|null);

                /** Command presenceAhead */
                presenceAhead?: (streetlight.v1.PresenceAhead.$Properties|null);

                /** Command readLuminaire */
                readLuminaire?: (boolean|null);

                /** Command action */
                action?: ("setOverride"|"clearOverride"|"reboot"|"requestReport"|"presenceAhead"|"readLuminaire");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a Command. */
            type $Shape = {
              setOverride?: streetlight.v1.Override.$Shape|null;
              clearOverride?: number|null;
              reboot?: boolean|null;
              requestReport?: boolean|null;
              presenceAhead?: streetlight.v1.PresenceAhead.$Shape|null;
              readLuminaire?: boolean|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ action?: undefined; setOverride?: null; clearOverride?: null; reboot?: null; requestReport?: null; presenceAhead?: null; readLuminaire?: null }|{ action?: "setOverride"; setOverride: streetlight.v1.Override.$Shape; clearOverride?: null; reboot?: null; requestReport?: null; presenceAhead?: null; readLuminaire?: null }|{ action?: "clearOverride"; setOverride?: null; clearOverride: number; reboot?: null; requestReport?: null; presenceAhead?: null; readLuminaire?: null }|{ action?: "reboot"; setOverride?: null; clearOverride?: null; reboot: boolean; requestReport?: null; presenceAhead?: null; readLuminaire?: null }|{ action?: "requestReport"; setOverride?: null; clearOverride?: null; reboot?: null; requestReport: boolean; presenceAhead?: null; readLuminaire?: null }|{ action?: "presenceAhead"; setOverride?: null; clearOverride?: null; reboot?: null; requestReport?: null; presenceAhead: streetlight.v1.PresenceAhead.$Shape; readLuminaire?: null }|{ action?: "readLuminaire"; setOverride?: null; clearOverride?: null; reboot?: null; requestReport?: null; presenceAhead?: null; readLuminaire: boolean })
            );
        }

        /**
         * Properties of a PresenceAhead.
         * @deprecated Use streetlight.v1.PresenceAhead.$Properties instead.
         */
        interface IPresenceAhead extends streetlight.v1.PresenceAhead.$Properties {
        }

        /** Represents a PresenceAhead. */
        class PresenceAhead {

            /**
             * Constructs a new PresenceAhead.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.PresenceAhead.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PresenceAhead holdS. */
            holdS: number;

            /**
             * Creates a new PresenceAhead instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PresenceAhead instance
             */
            static create(properties: streetlight.v1.PresenceAhead.$Shape): streetlight.v1.PresenceAhead & streetlight.v1.PresenceAhead.$Shape;
            static create(properties?: streetlight.v1.PresenceAhead.$Properties): streetlight.v1.PresenceAhead;

            /**
             * Encodes the specified PresenceAhead message. Does not implicitly {@link streetlight.v1.PresenceAhead.verify|verify} messages.
             * @param message PresenceAhead message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.PresenceAhead.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified PresenceAhead message, length delimited. Does not implicitly {@link streetlight.v1.PresenceAhead.verify|verify} messages.
             * @param message PresenceAhead message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.PresenceAhead.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PresenceAhead message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.PresenceAhead & streetlight.v1.PresenceAhead.$Shape} PresenceAhead
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.PresenceAhead & streetlight.v1.PresenceAhead.$Shape;

            /**
             * Decodes a PresenceAhead message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.PresenceAhead & streetlight.v1.PresenceAhead.$Shape} PresenceAhead
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.PresenceAhead & streetlight.v1.PresenceAhead.$Shape;

            /**
             * Verifies a PresenceAhead message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a PresenceAhead message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PresenceAhead
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.PresenceAhead;

            /**
             * Creates a plain object from a PresenceAhead message. Also converts values to other types if specified.
             * @param message PresenceAhead
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.PresenceAhead, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PresenceAhead to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PresenceAhead
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PresenceAhead {

            /** Properties of a PresenceAhead. */
            interface $Properties {

                /** PresenceAhead holdS */
                holdS?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PresenceAhead. */
            type $Shape = streetlight.v1.PresenceAhead.$Properties;
        }

        /** ImageKind enum. */
        enum ImageKind {

            /** IMAGE_KIND_UNSPECIFIED value */
            IMAGE_KIND_UNSPECIFIED = 0,

            /** IMAGE_KIND_FULL value */
            IMAGE_KIND_FULL = 1,

            /** IMAGE_KIND_MOD value */
            IMAGE_KIND_MOD = 2
        }

        /**
         * Properties of an OtaOffer.
         * @deprecated Use streetlight.v1.OtaOffer.$Properties instead.
         */
        interface IOtaOffer extends streetlight.v1.OtaOffer.$Properties {
        }

        /** Represents an OtaOffer. */
        class OtaOffer {

            /**
             * Constructs a new OtaOffer.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.OtaOffer.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OtaOffer imageId. */
            imageId: number;

            /** OtaOffer version. */
            version: string;

            /** OtaOffer kind. */
            kind: streetlight.v1.ImageKind;

            /** OtaOffer size. */
            size: number;

            /** OtaOffer sha256. */
            sha256: Uint8Array;

            /** OtaOffer manifest. */
            manifest: Uint8Array;

            /** OtaOffer signature. */
            signature: Uint8Array;

            /** OtaOffer keyId. */
            keyId: number;

            /** OtaOffer chunkSize. */
            chunkSize: number;

            /** OtaOffer windowStartMin. */
            windowStartMin: number;

            /** OtaOffer windowEndMin. */
            windowEndMin: number;

            /**
             * Creates a new OtaOffer instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OtaOffer instance
             */
            static create(properties: streetlight.v1.OtaOffer.$Shape): streetlight.v1.OtaOffer & streetlight.v1.OtaOffer.$Shape;
            static create(properties?: streetlight.v1.OtaOffer.$Properties): streetlight.v1.OtaOffer;

            /**
             * Encodes the specified OtaOffer message. Does not implicitly {@link streetlight.v1.OtaOffer.verify|verify} messages.
             * @param message OtaOffer message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.OtaOffer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified OtaOffer message, length delimited. Does not implicitly {@link streetlight.v1.OtaOffer.verify|verify} messages.
             * @param message OtaOffer message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.OtaOffer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OtaOffer message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.OtaOffer & streetlight.v1.OtaOffer.$Shape} OtaOffer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.OtaOffer & streetlight.v1.OtaOffer.$Shape;

            /**
             * Decodes an OtaOffer message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.OtaOffer & streetlight.v1.OtaOffer.$Shape} OtaOffer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.OtaOffer & streetlight.v1.OtaOffer.$Shape;

            /**
             * Verifies an OtaOffer message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an OtaOffer message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns OtaOffer
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.OtaOffer;

            /**
             * Creates a plain object from an OtaOffer message. Also converts values to other types if specified.
             * @param message OtaOffer
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.OtaOffer, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this OtaOffer to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for OtaOffer
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace OtaOffer {

            /** Properties of an OtaOffer. */
            interface $Properties {

                /** OtaOffer imageId */
                imageId?: (number|null);

                /** OtaOffer version */
                version?: (string|null);

                /** OtaOffer kind */
                kind?: (streetlight.v1.ImageKind|null);

                /** OtaOffer size */
                size?: (number|null);

                /** OtaOffer sha256 */
                sha256?: (Uint8Array|null);

                /** OtaOffer manifest */
                manifest?: (Uint8Array|null);

                /** OtaOffer signature */
                signature?: (Uint8Array|null);

                /** OtaOffer keyId */
                keyId?: (number|null);

                /** OtaOffer chunkSize */
                chunkSize?: (number|null);

                /** OtaOffer windowStartMin */
                windowStartMin?: (number|null);

                /** OtaOffer windowEndMin */
                windowEndMin?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OtaOffer. */
            type $Shape = streetlight.v1.OtaOffer.$Properties;
        }

        /**
         * Properties of an OtaChunk.
         * @deprecated Use streetlight.v1.OtaChunk.$Properties instead.
         */
        interface IOtaChunk extends streetlight.v1.OtaChunk.$Properties {
        }

        /** Represents an OtaChunk. */
        class OtaChunk {

            /**
             * Constructs a new OtaChunk.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.OtaChunk.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OtaChunk imageId. */
            imageId: number;

            /** OtaChunk offset. */
            offset: number;

            /** OtaChunk data. */
            data: Uint8Array;

            /**
             * Creates a new OtaChunk instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OtaChunk instance
             */
            static create(properties: streetlight.v1.OtaChunk.$Shape): streetlight.v1.OtaChunk & streetlight.v1.OtaChunk.$Shape;
            static create(properties?: streetlight.v1.OtaChunk.$Properties): streetlight.v1.OtaChunk;

            /**
             * Encodes the specified OtaChunk message. Does not implicitly {@link streetlight.v1.OtaChunk.verify|verify} messages.
             * @param message OtaChunk message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.OtaChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified OtaChunk message, length delimited. Does not implicitly {@link streetlight.v1.OtaChunk.verify|verify} messages.
             * @param message OtaChunk message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.OtaChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OtaChunk message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.OtaChunk & streetlight.v1.OtaChunk.$Shape} OtaChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.OtaChunk & streetlight.v1.OtaChunk.$Shape;

            /**
             * Decodes an OtaChunk message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.OtaChunk & streetlight.v1.OtaChunk.$Shape} OtaChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.OtaChunk & streetlight.v1.OtaChunk.$Shape;

            /**
             * Verifies an OtaChunk message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an OtaChunk message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns OtaChunk
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.OtaChunk;

            /**
             * Creates a plain object from an OtaChunk message. Also converts values to other types if specified.
             * @param message OtaChunk
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.OtaChunk, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this OtaChunk to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for OtaChunk
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace OtaChunk {

            /** Properties of an OtaChunk. */
            interface $Properties {

                /** OtaChunk imageId */
                imageId?: (number|null);

                /** OtaChunk offset */
                offset?: (number|null);

                /** OtaChunk data */
                data?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OtaChunk. */
            type $Shape = streetlight.v1.OtaChunk.$Properties;
        }

        /**
         * Properties of an EnergyAck.
         * @deprecated Use streetlight.v1.EnergyAck.$Properties instead.
         */
        interface IEnergyAck extends streetlight.v1.EnergyAck.$Properties {
        }

        /** Represents an EnergyAck. */
        class EnergyAck {

            /**
             * Constructs a new EnergyAck.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.EnergyAck.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** EnergyAck ackedSeq. */
            ackedSeq: number;

            /**
             * Creates a new EnergyAck instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EnergyAck instance
             */
            static create(properties: streetlight.v1.EnergyAck.$Shape): streetlight.v1.EnergyAck & streetlight.v1.EnergyAck.$Shape;
            static create(properties?: streetlight.v1.EnergyAck.$Properties): streetlight.v1.EnergyAck;

            /**
             * Encodes the specified EnergyAck message. Does not implicitly {@link streetlight.v1.EnergyAck.verify|verify} messages.
             * @param message EnergyAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.EnergyAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified EnergyAck message, length delimited. Does not implicitly {@link streetlight.v1.EnergyAck.verify|verify} messages.
             * @param message EnergyAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.EnergyAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EnergyAck message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.EnergyAck & streetlight.v1.EnergyAck.$Shape} EnergyAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.EnergyAck & streetlight.v1.EnergyAck.$Shape;

            /**
             * Decodes an EnergyAck message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.EnergyAck & streetlight.v1.EnergyAck.$Shape} EnergyAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.EnergyAck & streetlight.v1.EnergyAck.$Shape;

            /**
             * Verifies an EnergyAck message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an EnergyAck message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns EnergyAck
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.EnergyAck;

            /**
             * Creates a plain object from an EnergyAck message. Also converts values to other types if specified.
             * @param message EnergyAck
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.EnergyAck, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EnergyAck to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for EnergyAck
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace EnergyAck {

            /** Properties of an EnergyAck. */
            interface $Properties {

                /** EnergyAck ackedSeq */
                ackedSeq?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EnergyAck. */
            type $Shape = streetlight.v1.EnergyAck.$Properties;
        }

        /**
         * Properties of a TimeSync.
         * @deprecated Use streetlight.v1.TimeSync.$Properties instead.
         */
        interface ITimeSync extends streetlight.v1.TimeSync.$Properties {
        }

        /** Represents a TimeSync. */
        class TimeSync {

            /**
             * Constructs a new TimeSync.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.TimeSync.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TimeSync uplinkSeq. */
            uplinkSeq: number;

            /**
             * Creates a new TimeSync instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TimeSync instance
             */
            static create(properties: streetlight.v1.TimeSync.$Shape): streetlight.v1.TimeSync & streetlight.v1.TimeSync.$Shape;
            static create(properties?: streetlight.v1.TimeSync.$Properties): streetlight.v1.TimeSync;

            /**
             * Encodes the specified TimeSync message. Does not implicitly {@link streetlight.v1.TimeSync.verify|verify} messages.
             * @param message TimeSync message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.TimeSync.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified TimeSync message, length delimited. Does not implicitly {@link streetlight.v1.TimeSync.verify|verify} messages.
             * @param message TimeSync message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.TimeSync.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TimeSync message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.TimeSync & streetlight.v1.TimeSync.$Shape} TimeSync
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.TimeSync & streetlight.v1.TimeSync.$Shape;

            /**
             * Decodes a TimeSync message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.TimeSync & streetlight.v1.TimeSync.$Shape} TimeSync
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.TimeSync & streetlight.v1.TimeSync.$Shape;

            /**
             * Verifies a TimeSync message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a TimeSync message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TimeSync
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.TimeSync;

            /**
             * Creates a plain object from a TimeSync message. Also converts values to other types if specified.
             * @param message TimeSync
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.TimeSync, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TimeSync to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for TimeSync
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace TimeSync {

            /** Properties of a TimeSync. */
            interface $Properties {

                /** TimeSync uplinkSeq */
                uplinkSeq?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TimeSync. */
            type $Shape = streetlight.v1.TimeSync.$Properties;
        }

        /**
         * Properties of a Presence.
         * @deprecated Use streetlight.v1.Presence.$Properties instead.
         */
        interface IPresence extends streetlight.v1.Presence.$Properties {
        }

        /** Represents a Presence. */
        class Presence {

            /**
             * Constructs a new Presence.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.Presence.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Presence online. */
            online: boolean;

            /** Presence bootCount. */
            bootCount: number;

            /**
             * Creates a new Presence instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Presence instance
             */
            static create(properties: streetlight.v1.Presence.$Shape): streetlight.v1.Presence & streetlight.v1.Presence.$Shape;
            static create(properties?: streetlight.v1.Presence.$Properties): streetlight.v1.Presence;

            /**
             * Encodes the specified Presence message. Does not implicitly {@link streetlight.v1.Presence.verify|verify} messages.
             * @param message Presence message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.Presence.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Presence message, length delimited. Does not implicitly {@link streetlight.v1.Presence.verify|verify} messages.
             * @param message Presence message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.Presence.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Presence message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.Presence & streetlight.v1.Presence.$Shape} Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.Presence & streetlight.v1.Presence.$Shape;

            /**
             * Decodes a Presence message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.Presence & streetlight.v1.Presence.$Shape} Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.Presence & streetlight.v1.Presence.$Shape;

            /**
             * Verifies a Presence message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Presence message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Presence
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.Presence;

            /**
             * Creates a plain object from a Presence message. Also converts values to other types if specified.
             * @param message Presence
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.Presence, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Presence to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Presence
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Presence {

            /** Properties of a Presence. */
            interface $Properties {

                /** Presence online */
                online?: (boolean|null);

                /** Presence bootCount */
                bootCount?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Presence. */
            type $Shape = streetlight.v1.Presence.$Properties;
        }

        /**
         * Properties of an ImageManifest.
         * @deprecated Use streetlight.v1.ImageManifest.$Properties instead.
         */
        interface IImageManifest extends streetlight.v1.ImageManifest.$Properties {
        }

        /** Represents an ImageManifest. */
        class ImageManifest {

            /**
             * Constructs a new ImageManifest.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.ImageManifest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ImageManifest format. */
            format: number;

            /** ImageManifest imageId. */
            imageId: number;

            /** ImageManifest version. */
            version: string;

            /** ImageManifest kind. */
            kind: streetlight.v1.ImageKind;

            /** ImageManifest size. */
            size: number;

            /** ImageManifest sha256. */
            sha256: Uint8Array;

            /** ImageManifest hardwareModels. */
            hardwareModels: string[];

            /** ImageManifest minVersion. */
            minVersion: string;

            /** ImageManifest createdAt. */
            createdAt: number;

            /** ImageManifest keyId. */
            keyId: number;

            /** ImageManifest requiresHost. */
            requiresHost: string;

            /** ImageManifest tenants. */
            tenants: string[];

            /**
             * Creates a new ImageManifest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ImageManifest instance
             */
            static create(properties: streetlight.v1.ImageManifest.$Shape): streetlight.v1.ImageManifest & streetlight.v1.ImageManifest.$Shape;
            static create(properties?: streetlight.v1.ImageManifest.$Properties): streetlight.v1.ImageManifest;

            /**
             * Encodes the specified ImageManifest message. Does not implicitly {@link streetlight.v1.ImageManifest.verify|verify} messages.
             * @param message ImageManifest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.ImageManifest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ImageManifest message, length delimited. Does not implicitly {@link streetlight.v1.ImageManifest.verify|verify} messages.
             * @param message ImageManifest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.ImageManifest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ImageManifest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.ImageManifest & streetlight.v1.ImageManifest.$Shape} ImageManifest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.ImageManifest & streetlight.v1.ImageManifest.$Shape;

            /**
             * Decodes an ImageManifest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.ImageManifest & streetlight.v1.ImageManifest.$Shape} ImageManifest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.ImageManifest & streetlight.v1.ImageManifest.$Shape;

            /**
             * Verifies an ImageManifest message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an ImageManifest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ImageManifest
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.ImageManifest;

            /**
             * Creates a plain object from an ImageManifest message. Also converts values to other types if specified.
             * @param message ImageManifest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.ImageManifest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ImageManifest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ImageManifest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ImageManifest {

            /** Properties of an ImageManifest. */
            interface $Properties {

                /** ImageManifest format */
                format?: (number|null);

                /** ImageManifest imageId */
                imageId?: (number|null);

                /** ImageManifest version */
                version?: (string|null);

                /** ImageManifest kind */
                kind?: (streetlight.v1.ImageKind|null);

                /** ImageManifest size */
                size?: (number|null);

                /** ImageManifest sha256 */
                sha256?: (Uint8Array|null);

                /** ImageManifest hardwareModels */
                hardwareModels?: (string[]|null);

                /** ImageManifest minVersion */
                minVersion?: (string|null);

                /** ImageManifest createdAt */
                createdAt?: (number|null);

                /** ImageManifest keyId */
                keyId?: (number|null);

                /** ImageManifest requiresHost */
                requiresHost?: (string|null);

                /** ImageManifest tenants */
                tenants?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an ImageManifest. */
            type $Shape = streetlight.v1.ImageManifest.$Properties;
        }

        /**
         * Properties of an OtaTrustKey.
         * @deprecated Use streetlight.v1.OtaTrustKey.$Properties instead.
         */
        interface IOtaTrustKey extends streetlight.v1.OtaTrustKey.$Properties {
        }

        /** Represents an OtaTrustKey. */
        class OtaTrustKey {

            /**
             * Constructs a new OtaTrustKey.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.OtaTrustKey.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OtaTrustKey keyId. */
            keyId: number;

            /** OtaTrustKey publicKey. */
            publicKey: Uint8Array;

            /**
             * Creates a new OtaTrustKey instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OtaTrustKey instance
             */
            static create(properties: streetlight.v1.OtaTrustKey.$Shape): streetlight.v1.OtaTrustKey & streetlight.v1.OtaTrustKey.$Shape;
            static create(properties?: streetlight.v1.OtaTrustKey.$Properties): streetlight.v1.OtaTrustKey;

            /**
             * Encodes the specified OtaTrustKey message. Does not implicitly {@link streetlight.v1.OtaTrustKey.verify|verify} messages.
             * @param message OtaTrustKey message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.OtaTrustKey.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified OtaTrustKey message, length delimited. Does not implicitly {@link streetlight.v1.OtaTrustKey.verify|verify} messages.
             * @param message OtaTrustKey message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.OtaTrustKey.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OtaTrustKey message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.OtaTrustKey & streetlight.v1.OtaTrustKey.$Shape} OtaTrustKey
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.OtaTrustKey & streetlight.v1.OtaTrustKey.$Shape;

            /**
             * Decodes an OtaTrustKey message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.OtaTrustKey & streetlight.v1.OtaTrustKey.$Shape} OtaTrustKey
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.OtaTrustKey & streetlight.v1.OtaTrustKey.$Shape;

            /**
             * Verifies an OtaTrustKey message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an OtaTrustKey message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns OtaTrustKey
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.OtaTrustKey;

            /**
             * Creates a plain object from an OtaTrustKey message. Also converts values to other types if specified.
             * @param message OtaTrustKey
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.OtaTrustKey, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this OtaTrustKey to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for OtaTrustKey
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace OtaTrustKey {

            /** Properties of an OtaTrustKey. */
            interface $Properties {

                /** OtaTrustKey keyId */
                keyId?: (number|null);

                /** OtaTrustKey publicKey */
                publicKey?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OtaTrustKey. */
            type $Shape = streetlight.v1.OtaTrustKey.$Properties;
        }

        /**
         * Properties of a DeviceIdentity.
         * @deprecated Use streetlight.v1.DeviceIdentity.$Properties instead.
         */
        interface IDeviceIdentity extends streetlight.v1.DeviceIdentity.$Properties {
        }

        /** Represents a DeviceIdentity. */
        class DeviceIdentity {

            /**
             * Constructs a new DeviceIdentity.
             * @param [properties] Properties to set
             */
            constructor(properties?: streetlight.v1.DeviceIdentity.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DeviceIdentity format. */
            format: number;

            /** DeviceIdentity deviceId. */
            deviceId: string;

            /** DeviceIdentity tenant. */
            tenant: string;

            /** DeviceIdentity hardwareModel. */
            hardwareModel: string;

            /** DeviceIdentity mqttHost. */
            mqttHost: string;

            /** DeviceIdentity mqttPort. */
            mqttPort: number;

            /** DeviceIdentity mqttTls. */
            mqttTls: boolean;

            /** DeviceIdentity mqttPassword. */
            mqttPassword: string;

            /** DeviceIdentity deviceKey. */
            deviceKey: Uint8Array;

            /** DeviceIdentity keyGeneration. */
            keyGeneration: number;

            /** DeviceIdentity otaKeys. */
            otaKeys: streetlight.v1.OtaTrustKey.$Properties[];

            /** DeviceIdentity wifiSsid. */
            wifiSsid: string;

            /** DeviceIdentity wifiPassword. */
            wifiPassword: string;

            /** DeviceIdentity provisionedAt. */
            provisionedAt: number;

            /** DeviceIdentity mqttCa. */
            mqttCa: Uint8Array;

            /**
             * Creates a new DeviceIdentity instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DeviceIdentity instance
             */
            static create(properties: streetlight.v1.DeviceIdentity.$Shape): streetlight.v1.DeviceIdentity & streetlight.v1.DeviceIdentity.$Shape;
            static create(properties?: streetlight.v1.DeviceIdentity.$Properties): streetlight.v1.DeviceIdentity;

            /**
             * Encodes the specified DeviceIdentity message. Does not implicitly {@link streetlight.v1.DeviceIdentity.verify|verify} messages.
             * @param message DeviceIdentity message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: streetlight.v1.DeviceIdentity.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified DeviceIdentity message, length delimited. Does not implicitly {@link streetlight.v1.DeviceIdentity.verify|verify} messages.
             * @param message DeviceIdentity message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: streetlight.v1.DeviceIdentity.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DeviceIdentity message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {streetlight.v1.DeviceIdentity & streetlight.v1.DeviceIdentity.$Shape} DeviceIdentity
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): streetlight.v1.DeviceIdentity & streetlight.v1.DeviceIdentity.$Shape;

            /**
             * Decodes a DeviceIdentity message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {streetlight.v1.DeviceIdentity & streetlight.v1.DeviceIdentity.$Shape} DeviceIdentity
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): streetlight.v1.DeviceIdentity & streetlight.v1.DeviceIdentity.$Shape;

            /**
             * Verifies a DeviceIdentity message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a DeviceIdentity message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DeviceIdentity
             */
            static fromObject(object: { [k: string]: any }): streetlight.v1.DeviceIdentity;

            /**
             * Creates a plain object from a DeviceIdentity message. Also converts values to other types if specified.
             * @param message DeviceIdentity
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: streetlight.v1.DeviceIdentity, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DeviceIdentity to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for DeviceIdentity
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DeviceIdentity {

            /** Properties of a DeviceIdentity. */
            interface $Properties {

                /** DeviceIdentity format */
                format?: (number|null);

                /** DeviceIdentity deviceId */
                deviceId?: (string|null);

                /** DeviceIdentity tenant */
                tenant?: (string|null);

                /** DeviceIdentity hardwareModel */
                hardwareModel?: (string|null);

                /** DeviceIdentity mqttHost */
                mqttHost?: (string|null);

                /** DeviceIdentity mqttPort */
                mqttPort?: (number|null);

                /** DeviceIdentity mqttTls */
                mqttTls?: (boolean|null);

                /** DeviceIdentity mqttPassword */
                mqttPassword?: (string|null);

                /** DeviceIdentity deviceKey */
                deviceKey?: (Uint8Array|null);

                /** DeviceIdentity keyGeneration */
                keyGeneration?: (number|null);

                /** DeviceIdentity otaKeys */
                otaKeys?: (streetlight.v1.OtaTrustKey.$Properties[]|null);

                /** DeviceIdentity wifiSsid */
                wifiSsid?: (string|null);

                /** DeviceIdentity wifiPassword */
                wifiPassword?: (string|null);

                /** DeviceIdentity provisionedAt */
                provisionedAt?: (number|null);

                /** DeviceIdentity mqttCa */
                mqttCa?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DeviceIdentity. */
            type $Shape = streetlight.v1.DeviceIdentity.$Properties;
        }
    }
}
