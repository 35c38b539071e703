// inversify and @peculiar/x509 read decorator metadata through the global Reflect API.
import 'reflect-metadata';
