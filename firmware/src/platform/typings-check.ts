/**
 * Compile-time proof that the Moddable SDK's ECMA-419 classes, as typed by `@moddable/typings` (plus the
 * corrections in ../../types/*.d.ts), fit the shapes the firmware codes against in host.ts.
 * Type-checked with the firmware (tsconfig.json); never imported at run time.
 */
import type Digital from 'embedded:io/digital';
import type PWM from 'embedded:io/pwm';
import type MQTTClient from 'embedded:network/mqtt/client';
import type { DigitalConstructor, MqttClientConstructor, PwmConstructor } from '../host.js';

// A generic constraint is checked with plain assignability, as an assignment would be.
type FitsPwm<T extends PwmConstructor> = T;
type FitsDigital<T extends DigitalConstructor> = T;
type FitsMqtt<T extends MqttClientConstructor> = T;

export type PwmFits = FitsPwm<typeof PWM>;
export type DigitalFits = FitsDigital<typeof Digital>;
export type MqttFits = FitsMqtt<typeof MQTTClient>;
